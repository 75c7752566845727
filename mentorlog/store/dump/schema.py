"""What a lossless dump may contain, field by field: the rules of the table registry (store/tables.py), which
both check every record before an import writes anything and produce the JSON Schema in docs/dump.schema.json."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from mentorlog.base.errors import UsageError
from mentorlog.base.i18n import _
from mentorlog.core import validate
from mentorlog.store import tables
from mentorlog.store.tables import Column, Table

FORMAT = "mentorlog-dump"
VERSION = 1
UUID = validate.UUID
TIME = validate.TIME
MAX_TAGS = validate.MAX_TAGS
Invalid = validate.Invalid  # one field breaks its rule (the checker adds where)


Field = Column  # a dump record's field and its rule: a table's column, a reference by uuid, tags or linked uuids


def _fields(table: Table) -> dict[str, Field]:
    """TABLE's fields in a dump: id, uuid and stamps, its other columns, its references by uuid, its links."""
    columns = {column.name: column for column in table.columns}
    parents = {parent.column for parent in table.parents}
    first = ("id", "uuid", "created_at", "updated_at")
    fields = {name: columns[name] for name in first}
    fields.update(
        {column.name: column for column in table.columns if column.rule and column.name not in (*first, *parents)}
    )
    for parent in table.parents:
        fields[parent.key] = Field(parent.key, "ref", nullable=columns[parent.column].nullable)
    for link in table.links:
        fields[link.key] = Field(link.key, "tags" if link.target is None else "refs")
    return fields


TABLES: dict[str, dict[str, Field]] = {table.name: _fields(table) for table in tables.dumped()}
# tables a version-1 dump from before them does not have: none there
ADDED_LATER = tuple(table.name for table in tables.dumped() if not table.in_first_dump)


ID = Field("id", "int", low=1, high=validate.MAX_ID)
# each rule of a field and the one rule of core.validate it follows
CHECKS: dict[str, Callable[[Any, Field], Any]] = {
    "id": lambda v, _: validate.stored_id(v),
    "uuid": lambda v, _: validate.uuid(v),
    "ref": lambda v, _: validate.uuid(v),
    "refs": lambda v, _: validate.uuids(v),
    "stamp": lambda v, _: validate.stamp(v),
    "date": lambda v, _: validate.iso_date(v),
    "time": lambda v, _: validate.clock_time(v),
    "text": lambda v, spec: validate.stored_text(v, required=spec.text_required),
    "name": lambda v, _: validate.stored_name(v),
    "word": lambda v, spec: validate.stored_word(v, required=spec.text_required),
    "int": lambda v, spec: validate.whole_number(v, spec.low, spec.high),
    "enum": lambda v, spec: validate.one_of(v, spec.choices),
    "bool": lambda v, _: validate.boolean(v),
    "tags": lambda v, _: validate.tag_list(v),
}


def check_record(table: str, record: Any, where: str, *, local_id: bool = True) -> dict[str, Any]:
    """RECORD checked field by field; the clean values (unknown keys dropped). WHERE names it in errors.
    Without LOCAL_ID the record carries no `id` (a sync change: ids are each journal's own)."""
    if not isinstance(record, dict):
        raise UsageError(_("{where} is not an object").format(where=where))
    clean: dict[str, Any] = {}
    plan = _PLANS.get(table) or _PLANS.setdefault(
        table, [(name, spec, CHECKS[spec.rule]) for name, spec in TABLES[table].items()]
    )
    for name, spec, check in plan:
        if name == "id" and not local_id:
            continue
        value = record.get(name, _MISSING)
        if value is _MISSING:
            if spec.required:
                raise UsageError(_("{where} has no {name!r}").format(where=where, name=name))
            continue
        if value is None:
            if not spec.nullable:
                raise UsageError(_("{where}: {name} must not be null").format(where=where, name=name))
            clean[name] = None
            continue
        try:
            clean[name] = check(value, spec)
        except Invalid as exc:
            raise UsageError(_("{where}: {name} {exc}").format(where=where, name=name, exc=exc)) from None
    check_across(table, clean, where)
    return clean


def check_across(table: str, clean: dict[str, Any], where: str, today: date | None = None) -> None:
    """The rules between a record's fields (core/validate.py): a person's started, ends and closed_at."""
    if table == "people":
        try:
            validate.relationship_days(clean, today)
        except Invalid as exc:
            raise UsageError(_("{where}: {exc}").format(where=where, exc=exc)) from None


_MISSING = object()
_PLANS: dict[str, list[tuple[str, Field, Callable[[Any, Field], Any]]]] = {}  # per table: each field and its check


def check_header(data: Any, source: str) -> int:
    """The dump's format and version (an int from 1 to VERSION); a newer one is exit 1."""
    from mentorlog.base.errors import MentorlogError

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        from mentorlog.store.foreign.plan import looks_like

        other = looks_like(data)  # another tool's export: say which --from reads it
        raise UsageError(
            _("{source} is not a mentorlog dump").format(source=source),
            _("It looks like a jrnl export: use --from jrnl.")
            if other == "jrnl"
            else _("It looks like a Taskwarrior export: use --from taskwarrior.")
            if other == "taskwarrior"
            else _("Make one with: mentorlog export --format json --all -o FILE"),
        )
    try:
        version = validate.format_version(data.get("version"))
    except Invalid:
        raise UsageError(
            _("{source} has no valid format version (found {version!r})").format(
                source=source, version=data.get("version")
            )
        ) from None
    if version > VERSION:
        raise MentorlogError(
            _("{source} is a version {version} dump; this mentorlog reads up to version {VERSION}").format(
                source=source, version=version, VERSION=VERSION
            ),
            _("Upgrade mentorlog to import it; nothing was imported."),
        )
    return version


def json_schema() -> dict[str, Any]:
    """The same rules as a JSON Schema (draft 2020-12), for docs/dump.schema.json."""
    kinds: dict[str, dict[str, Any]] = {
        "id": {"type": "integer", "minimum": 1, "maximum": 2**53},
        "uuid": {"type": "string", "pattern": UUID.pattern},
        "ref": {"type": "string", "pattern": UUID.pattern},
        "refs": {"type": "array", "items": {"type": "string", "pattern": UUID.pattern}},
        "stamp": {"type": "string", "format": "date-time"},
        "date": {"type": "string", "format": "date", "pattern": r"^(19\d\d|2[01]\d\d|2200)-\d\d-\d\d$"},
        "time": {"type": "string", "pattern": TIME.pattern},
        "text": {"type": "string", "maxLength": validate.MAX_TEXT_CHARS},
        "name": {"type": "string", "minLength": 1, "maxLength": validate.MAX_NAME_CHARS},
        "word": {"type": "string", "pattern": r"^([a-z0-9][a-z0-9_-]{0,39})?$"},
        "bool": {"type": "boolean"},
        "tags": {"type": "array", "maxItems": MAX_TAGS, "items": {"type": "string", "pattern": r"^\S{1,200}$"}},
    }

    def prop(spec: Field) -> dict[str, Any]:
        if spec.rule == "int":
            schema: dict[str, Any] = {"type": "integer", "minimum": spec.low, "maximum": spec.high}
        elif spec.rule == "enum":
            schema = {"enum": list(spec.choices)}
        else:
            schema = dict(kinds[spec.rule])
        if spec.text_required:
            schema["minLength"] = 1
        return {"anyOf": [schema, {"type": "null"}]} if spec.nullable else schema

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "mentorlog lossless dump",
        "type": "object",
        "required": ["format", "version", *(table for table in TABLES if table not in ADDED_LATER)],
        "properties": {
            "format": {"const": FORMAT},
            "version": {"type": "integer", "minimum": 1, "maximum": VERSION},
            "exported_at": {"type": "string", "format": "date-time"},
            **{
                table: {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": [name for name, spec in fields.items() if spec.required],
                        "properties": {name: prop(spec) for name, spec in fields.items()},
                    },
                }
                for table, fields in TABLES.items()
            },
        },
    }
