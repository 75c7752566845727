"""What a lossless dump may contain, field by field: the rules of the table registry (store/tables.py), which
both check every record before an import writes anything and produce the JSON Schema in docs/dump.schema.json."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from mentorlog.base.errors import BadValue, UsageError
from mentorlog.base.i18n import _
from mentorlog.core import validate
from mentorlog.store import tables
from mentorlog.store.tables import Column, Table

FORMAT = "mentorlog-dump"
VERSION = 1
UUID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_TAGS = 200


class Invalid(Exception):
    """One field breaks its rule (the checker adds where)."""


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


def _text(value: Any, required: bool) -> str:
    if not isinstance(value, str):
        raise Invalid(_("must be text"))
    try:
        value.isascii() or value.encode("utf-8")  # ASCII cannot hold a lone surrogate
    except UnicodeEncodeError:
        raise Invalid(_("contains a lone surrogate (not valid Unicode)")) from None
    try:
        return validate.text(value, "text", required=required) if required else _plain(value)
    except BadValue as exc:
        raise Invalid(exc.message.replace("the text ", "")) from None


def _plain(value: str) -> str:
    if "\x00" in value:
        raise Invalid(_("contains a NUL character"))
    if len(value) > validate.MAX_TEXT_CHARS:
        raise Invalid(_("is longer than 10 MB"))
    return value


def _stamp(value: Any) -> str:
    if type(value) is str and len(value) <= 40 and value.endswith("+00:00"):  # the usual case, quickly
        try:
            year = datetime.fromisoformat(value).year
        except ValueError:
            raise Invalid(_("is not an ISO 8601 timestamp: {value!r}").format(value=value[:40])) from None
        if not 1900 <= year <= 2200:
            _out_of_range(value)
        return value
    if not isinstance(value, str) or len(value) > 40:
        raise Invalid(_("must be an ISO 8601 timestamp with an offset"))
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise Invalid(_("is not an ISO 8601 timestamp: {value!r}").format(value=value[:40])) from None
    if parsed.tzinfo is None:
        raise Invalid(_("has no UTC offset: {value!r}").format(value=value))
    if not 1900 <= parsed.year <= 2200:
        _out_of_range(value)
    if parsed.utcoffset() == UTC.utcoffset(None):
        return value.replace("Z", "+00:00") if value.endswith("Z") else value
    return parsed.astimezone(UTC).isoformat(timespec="microseconds")  # one form for comparing


def _out_of_range(value: str) -> None:
    raise Invalid(_("lies outside the years 1900–2200: {value!r}").format(value=value))


def _date(value: Any) -> str:
    if not isinstance(value, str) or not DATE.fullmatch(value):
        raise Invalid(_("must be a date YYYY-MM-DD, not {value!r}").format(value=str(value)[:40]))
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise Invalid(_("is not a calendar day: {value!r}").format(value=value)) from None
    if not 1900 <= day.year <= 2200:
        _out_of_range(value)
    return value


def _int(value: Any, spec: Field) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(_("must be a whole number, not {value!r}").format(value=value)[:80])
    if (spec.low is not None and value < spec.low) or (spec.high is not None and value > spec.high):
        raise Invalid(_("must be {low} to {high}, not {value}").format(low=spec.low, high=spec.high, value=value))
    return value


def _uuid(value: Any) -> str:
    if not isinstance(value, str) or not UUID.match(value):
        raise Invalid(_("is not a valid uuid: {value!r}").format(value=str(value)[:70]))
    return value


def _tags(value: Any) -> list[str]:
    if not isinstance(value, list) or len(value) > MAX_TAGS:
        raise Invalid(_("must be a list of at most {MAX_TAGS} tags").format(MAX_TAGS=MAX_TAGS))
    tags = []
    for tag in value:
        if not isinstance(tag, str) or not tag.strip() or len(tag) > 200 or any(c.isspace() for c in tag):
            raise Invalid(_("has a tag that is not one word: {tag!r}").format(tag=str(tag)[:40]))
        tags.append(_text(tag, True).casefold())
    return list(dict.fromkeys(tags))


ID = Field("id", "int", low=1, high=2**53)
CHECKS: dict[str, Callable[[Any, Field], Any]] = {
    "id": lambda v, _: _int(v, ID),
    "uuid": lambda v, _: v if type(v) is str and UUID.match(v) else _uuid(v),
    "ref": lambda v, _: v if type(v) is str and UUID.match(v) else _uuid(v),
    "refs": lambda v, __: [_uuid(item) for item in v] if isinstance(v, list) else _raise(_("must be a list of uuids")),
    "stamp": lambda v, _: _stamp(v),
    "date": lambda v, _: _date(v),
    "time": lambda v, __: v if isinstance(v, str) and TIME.match(v) else _raise(_("must be HH:MM")),
    "text": lambda v, spec: _text(v, spec.text_required),
    "name": lambda v, _: _name(v),
    "int": _int,
    "enum": lambda v, spec: (
        v if v in spec.choices else _raise(_("must be one of {choices}").format(choices=", ".join(spec.choices)))
    ),
    "bool": lambda v, __: v if isinstance(v, bool) else _raise(_("must be true or false")),
    "tags": lambda v, _: _tags(v),
}


def _raise(message: str) -> Any:
    raise Invalid(message)


def _name(value: Any) -> str:
    if not isinstance(value, str):
        raise Invalid(_("must be text"))
    try:
        return validate.name(value)
    except BadValue as exc:
        raise Invalid(exc.message.replace("the name ", "")) from None


def check_record(table: str, record: Any, where: str) -> dict[str, Any]:
    """RECORD checked field by field; the clean values (unknown keys dropped). WHERE names it in errors."""
    if not isinstance(record, dict):
        raise UsageError(_("{where} is not an object").format(where=where))
    clean: dict[str, Any] = {}
    plan = _PLANS.get(table) or _PLANS.setdefault(
        table, [(name, spec, CHECKS[spec.rule]) for name, spec in TABLES[table].items()]
    )
    for name, spec, check in plan:
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
    return clean


_MISSING = object()
_PLANS: dict[str, list[tuple[str, Field, Callable[[Any, Field], Any]]]] = {}  # per table: each field and its check


def check_header(data: Any, source: str) -> int:
    """The dump's format and version (an int from 1 to VERSION); a newer one is exit 1."""
    from mentorlog.base.errors import MentorlogError

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UsageError(
            _("{source} is not a mentorlog dump").format(source=source),
            _("Make one with: mentorlog export --format json --all -o FILE"),
        )
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise UsageError(
            _("{source} has no valid format version (found {version!r})").format(source=source, version=version)
        )
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
