"""What a lossless dump may contain, field by field: one table of rules that both checks every record
before an import writes anything and produces the JSON Schema in docs/dump.schema.json. Pure."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mentorlog.base.datarecord import datarecord
from mentorlog.base.errors import UsageError
from mentorlog.base.i18n import _
from mentorlog.core import validate
from mentorlog.core.records import (
    ACTION_STATUSES,
    GOAL_STATUSES,
    HORIZONS,
    PERSON_STATUSES,
    ROLES,
    SKILL_KINDS,
    TOPIC_STATUSES,
)

FORMAT = "mentorlog-dump"
VERSION = 1
MAX_UUID = 64
UUID = validate.UUID
TIME = validate.TIME
MAX_TAGS = validate.MAX_TAGS
Invalid = validate.Invalid  # one field breaks its rule (the checker adds where)


@datarecord(frozen=True)
class Field:
    kind: str  # id, uuid, ref, stamp, date, time, text, name, int, enum, bool, tags, refs
    required: bool = True
    nullable: bool = False
    low: int | None = None
    high: int | None = None
    choices: tuple[str, ...] = ()
    text_required: bool = False


def _fields(**specs: Field) -> dict[str, Field]:
    base = {
        "id": Field("id"),
        "uuid": Field("uuid"),
        "created_at": Field("stamp"),
        "updated_at": Field("stamp"),
    }
    return {**base, **specs}


TEXT = Field("text")
REF = Field("ref", nullable=True)
TABLES: dict[str, dict[str, Field]] = {
    "people": _fields(
        name=Field("name"),
        role=Field("enum", choices=ROLES),
        cadence_days=Field("int", nullable=True, low=1, high=validate.MAX_CADENCE_DAYS),
        note=TEXT,
        started=Field("date", required=False, nullable=True),
        ends=Field("date", required=False, nullable=True),
        agreement=Field("text", required=False),
        status=Field("enum", required=False, choices=PERSON_STATUSES),
        closed_at=Field("date", required=False, nullable=True),
    ),
    "goals": _fields(
        title=Field("text", text_required=True),
        description=TEXT,
        horizon=Field("enum", choices=HORIZONS),
        status=Field("enum", choices=GOAL_STATUSES),
        progress=Field("int", low=validate.PROGRESS[0], high=validate.PROGRESS[1]),
        target=Field("date", nullable=True),
        achieved_at=Field("date", nullable=True),
        parent_uuid=REF,
        person_uuid=REF,
        tags=Field("tags"),
    ),
    "sessions": _fields(
        date=Field("date"),
        time=Field("time", nullable=True),
        title=TEXT,
        notes=TEXT,
        feedback=TEXT,
        confidence=Field("int", nullable=True, low=validate.LEVELS[0], high=validate.LEVELS[1]),
        next_date=Field("date", nullable=True),
        private=Field("bool"),
        person_uuid=REF,
        tags=Field("tags"),
        goal_uuids=Field("refs"),
    ),
    "progress_updates": _fields(
        date=Field("date"),
        progress_before=Field("int", low=validate.PROGRESS[0], high=validate.PROGRESS[1]),
        progress=Field("int", low=validate.PROGRESS[0], high=validate.PROGRESS[1]),
        note=TEXT,
        goal_uuid=Field("ref"),
    ),
    "actions": _fields(
        text=Field("text", text_required=True),
        due=Field("date", nullable=True),
        status=Field("enum", choices=ACTION_STATUSES),
        done_at=Field("stamp", nullable=True),
        owner_uuid=REF,
        person_uuid=REF,
        session_uuid=REF,
        goal_uuid=REF,
    ),
    "reflections": _fields(
        date=Field("date"),
        text=Field("text", text_required=True),
        goal_uuid=REF,
        person_uuid=REF,
        tags=Field("tags"),
    ),
    "topics": _fields(
        text=Field("text", text_required=True),
        status=Field("enum", choices=TOPIC_STATUSES),
        discussed_at=Field("stamp", nullable=True),
        person_uuid=Field("ref"),
        session_uuid=REF,
    ),
    "skills": _fields(
        name=Field("name"),
        kind=Field("enum", choices=SKILL_KINDS),
        description=TEXT,
        person_uuid=REF,
        goal_uuids=Field("refs"),
    ),
    "skill_ratings": _fields(
        date=Field("date"),
        level=Field("int", low=validate.LEVELS[0], high=validate.LEVELS[1]),
        note=TEXT,
        skill_uuid=Field("ref"),
        rater_uuid=REF,
        session_uuid=REF,
    ),
}
ADDED_LATER = ("skills", "skill_ratings")  # tables a version-1 dump from before them does not have: none there
# table -> {key in the dump: referenced table}
REFERENCES: dict[str, dict[str, str]] = {
    table: {
        name: {"parent_uuid": "goals", "person_uuid": "people", "owner_uuid": "people", "goal_uuid": "goals",
               "session_uuid": "sessions", "goal_uuids": "goals", "skill_uuid": "skills", "rater_uuid": "people"}[name]
        for name, spec in fields.items()
        if spec.kind in ("ref", "refs")
    }
    for table, fields in TABLES.items()
}  # fmt: skip


ID = Field("int", low=1, high=validate.MAX_ID)
# each kind of field and the one rule of core.validate it follows
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
        table, [(name, spec, CHECKS[spec.kind]) for name, spec in TABLES[table].items()]
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
        "bool": {"type": "boolean"},
        "tags": {"type": "array", "maxItems": MAX_TAGS, "items": {"type": "string", "pattern": r"^\S{1,200}$"}},
    }

    def prop(spec: Field) -> dict[str, Any]:
        if spec.kind == "int":
            schema: dict[str, Any] = {"type": "integer", "minimum": spec.low, "maximum": spec.high}
        elif spec.kind == "enum":
            schema = {"enum": list(spec.choices)}
        else:
            schema = dict(kinds[spec.kind])
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
