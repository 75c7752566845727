"""How `show`, `edit` and `delete` handle each KIND word of the table registry (store/tables.py): its
repository calls, its edit flags and the patch field each sets, its editor form and its view. The built-in
kinds are here; a kind added later (docs/adding-a-kind.md) keeps its entry, `KIND`, in its own noun module."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import TYPE_CHECKING, Any

from mentorlog.base.errors import UsageError
from mentorlog.base.i18n import N_, _, german
from mentorlog.base.values import Value
from mentorlog.cli import common, whom
from mentorlog.core import editform, humane, validate

if TYPE_CHECKING:
    from mentorlog.core import patches
    from mentorlog.core.dates import When
    from mentorlog.render.lists import RenderableType
    from mentorlog.store.journal import Journal

CLEAR_WORDS = {"", "none", "-"}
Convert = Callable[["Journal", Any, Any], Any]  # (journal, current record, flag value) -> patch value


# flag values -> patch values -------------------------------------------------------------------------


def _clear(value: str) -> bool:
    return value.strip().lower() in CLEAR_WORDS


def as_text(_: Journal, __: Any, value: str) -> str:
    return value


def as_past_day(_: Journal, __: Any, value: str) -> date:
    return common.when(value, direction="backward").day


def as_past_day_or_none(_: Journal, __: Any, value: str) -> date | None:
    return None if _clear(value) else common.when(value, direction="backward").day


def as_future_day(_: Journal, __: Any, value: str) -> date | None:
    return None if _clear(value) else common.when(value, direction="forward").day


def as_due_day(_: Journal, __: Any, value: str) -> date | None:
    found = None if _clear(value) else common.when(value, direction="forward").day
    common.warn_past_due(found)
    return found


def as_next(_: Journal, __: Any, value: str) -> When | None:
    """The next meeting: its day, and its time when one is given (`fri 14:00`)."""
    return None if _clear(value) else common.when(value, direction="forward")


def as_slot(_: Journal, __: Any, value: str) -> tuple[int | None, time | None] | None:
    """The usual meeting slot (`tue 10:00`), or none."""
    from mentorlog.core.dates import parse_slot

    return None if _clear(value) else parse_slot(value)


def as_target(_: Journal, __: Any, value: str) -> date | None:
    return None if _clear(value) else common.when(value, direction="forward", period_end=True).day


def as_confidence_text(value: str) -> int | None:
    return validate.confidence(validate.integer(value, "confidence"))


def as_confidence(_: Journal, __: Any, value: str) -> int | None:
    return None if _clear(value) else common.checked("--confidence", as_confidence_text, value)


def as_cadence(_: Journal, __: Any, value: str) -> int | None:
    from mentorlog.core.dates import parse_cadence

    return None if _clear(value) else parse_cadence(value)


def as_person(journal: Journal, _: Any, value: str) -> int | None:
    return None if _clear(value) else whom.find_person_id(journal, value)


def as_topic_person(journal: Journal, record: Any, value: str) -> int:
    found = as_person(journal, record, value)
    if found is None:
        raise UsageError(_("a topic needs a person"))
    return found


def as_owner(journal: Journal, record: Any, value: str) -> int | None:
    return whom.owner_id(journal, value, record.person_id)


def _optional_id(table: str, what: str) -> Convert:
    def convert(journal: Journal, _record: Any, value: Any) -> int | None:
        text = str(value[0] if isinstance(value, list) else value)
        if _clear(text):
            return None
        if not text.strip().isdigit():
            raise UsageError(_("--{what} takes an id or 'none', not {text!r}").format(what=what, text=text))
        return int((journal.sessions if table == "sessions" else journal.goals).require(table, what, int(text))["id"])

    return convert


def as_goal_ids(journal: Journal, _: Any, value: list[int]) -> tuple[int, ...]:
    return tuple(int(journal.goals.require("goals", "goal", goal_id)["id"]) for goal_id in value)


def as_tags(_: Journal, __: Any, value: list[str]) -> tuple[str, ...]:
    return tuple(common.tags_from(value))


def as_flag(_: Journal, __: Any, value: bool) -> bool:
    return bool(value)


def as_horizon(_: Journal, __: Any, value: str) -> str:
    return common.checked("--horizon", validate.horizon, value)


def as_role(_: Journal, __: Any, value: str) -> str:
    return common.checked("--role", validate.role, value)


def as_template(_: Journal, __: Any, value: str) -> str:
    from mentorlog.cli.templates import default_template

    return default_template(value)


def as_skill_kind(_: Journal, __: Any, value: str) -> str:
    return common.checked("--kind", validate.skill_kind, value)


# editor forms ----------------------------------------------------------------------------------------

EDIT_HELP = N_(
    "Edit the {what} below; lines starting with @@ are help and are ignored.\n"
    "Save it unchanged to keep it as it was; empty the file to cancel."
)
SESSION_HELP = N_(
    "New lines like '- [ ] text due:fri owner:NAME' in the notes become action items; #words become tags."
)
# the kinds of record as a person reads them in messages (`Updated session 4.`): translated with noun()
NOUNS = {
    "session": N_("session"),
    "goal": N_("goal"),
    "action": N_("action"),
    "reflection": N_("reflection"),
    "person": N_("person"),
    "topic": N_("topic"),
    "skill": N_("skill"),
}


def edit_help(word: str) -> str:
    return _(EDIT_HELP).format(what=_(NOUNS.get(word, word)))


class FormSpec(Value):
    """Which one-line fields and sections a kind's editor form has, and how to fill and read them."""

    __slots__ = ("fields", "sections", "fill", "read")  # noqa: RUF023 (in the order __init__ takes them)

    def __init__(
        self,
        fields: tuple[str, ...],
        sections: tuple[str, ...],
        fill: Callable[[Any], editform.Form],
        read: Callable[[Any, editform.Form], patches.Patch],
    ) -> None:
        self.fields, self.sections, self.fill, self.read = fields, sections, fill, read


def _text_form(kind: str, attribute: str = "text") -> FormSpec:
    def fill(record: Any) -> editform.Form:
        return editform.Form({}, {"text": getattr(record, attribute)}, edit_help(kind))

    def read(_: Any, form: editform.Form) -> patches.Patch:
        from mentorlog.core import patches

        text = form.section("text")
        patch_type: type[patches.Patch] = {
            "action": patches.ActionPatch,
            "topic": patches.TopicPatch,
            "reflection": patches.ReflectionPatch,
        }[kind]
        return patch_type(text=text)  # type: ignore[call-arg]

    return FormSpec((), ("text",), fill, read)


def _session_fill(record: Any) -> editform.Form:
    return editform.session_form(
        record.title,
        str(record.confidence or ""),
        " ".join(part for part in (humane.day(record.next), getattr(record, "next_time", None) or "") if part),
        record.feedback,
        record.notes,
        edit_help("session") + "\n" + _(SESSION_HELP),
    )


def _session_read(_: Any, form: editform.Form) -> patches.Patch:
    """The session's fields from its form (new action lines are taken by the editing flow)."""
    from mentorlog.core import patches

    confidence = form.field("Confidence")
    next_text = form.field("Next")
    return patches.SessionPatch(
        title=form.field("Title"),
        confidence=common.form_value("Confidence", as_confidence_text, confidence) if confidence else None,
        next_day=common.when(next_text, direction="forward") if next_text else None,
        notes=form.section("notes"),
        feedback=editform.session_feedback(form),
    )


def _goal_fill(record: Any) -> editform.Form:
    return editform.Form({"Title": record.title}, {"description": record.description}, edit_help("goal"))


def _goal_read(_: Any, form: editform.Form) -> patches.Patch:
    from mentorlog.core import patches

    return patches.GoalPatch(title=form.field("Title"), description=form.section("description"))


def _skill_fill(record: Any) -> editform.Form:
    help_text = edit_help("skill") + "\n" + _("Kind is strength or growth.")
    kind = (_("strength") if record.kind == "strength" else _("growth area")) if german() else record.kind
    return editform.Form({"Name": record.name, "Kind": kind}, {"description": record.description}, help_text)


def _skill_read(_: Any, form: editform.Form) -> patches.Patch:
    from mentorlog.core import patches

    kind = form.field("Kind")
    return patches.SkillPatch(
        name=form.field("Name"),
        kind=common.form_value("Kind", validate.skill_kind, kind) if kind else patches.UNSET,
        description=form.section("description"),
    )


def _person_fill(record: Any) -> editform.Form:
    return editform.Form(
        {"Name": record.name, "Since": humane.day(record.started), "Until": humane.day(record.ends)},
        {"agreement": record.agreement, "note": record.note},
        edit_help("person")
        + "\n"
        + _(
            "The agreement: what you both committed to (goals, how often and how"
            " you meet, confidentiality, how feedback is given)."
        ),
    )


def _person_read(_: Any, form: editform.Form) -> patches.Patch:
    from mentorlog.core import patches

    since, until = form.field("Since"), form.field("Until")
    return patches.PersonPatch(
        name=form.field("Name"),
        started=common.when(since, direction="backward").day if since else None,
        ends=common.when(until, direction="forward", period_end=True).day if until else None,
        agreement=form.section("agreement"),
        note=form.section("note"),
    )


# views -------------------------------------------------------------------------------------------------

Show = Callable[["Journal", Any, date, int], tuple[dict[str, Any], "RenderableType"]]


def _show_session(journal: Journal, record: Any, today: date, width: int) -> tuple[dict[str, Any], RenderableType]:
    from mentorlog.render import records as render_records

    actions = journal.actions.list_actions(status="all", session_id=record.id)
    data = {**record.to_json(), "actions": [action.to_json() for action in actions]}
    return data, render_records.show_session(record, actions, today, width=width)


def _show_goal(journal: Journal, record: Any, today: date, width: int) -> tuple[dict[str, Any], RenderableType]:
    from mentorlog.render import records as render_records

    milestones = journal.goals.milestones(record.id)
    updates = journal.goals.progress_updates(record.id)
    actions = journal.actions.list_actions(status="all", goal_id=record.id)
    data = {
        **record.to_json(),
        "milestone_list": [goal.to_json() for goal in milestones],
        "progress_updates": [update.to_json() for update in updates],
        "actions": [action.to_json() for action in actions],
    }
    return data, render_records.show_goal(record, milestones, updates, actions, today, width=width)


def _show_person(journal: Journal, record: Any, today: date, width: int) -> tuple[dict[str, Any], RenderableType]:
    from mentorlog.render import records as render_records

    topics = journal.topics.list_topics(person_id=record.id)
    actions = journal.actions.list_actions(person_id=record.id)
    data = {**record.to_json(), "topics": [t.to_json() for t in topics], "actions": [a.to_json() for a in actions]}
    return data, render_records.show_person(record, topics, actions, today, width=width)


def _show_skill(journal: Journal, record: Any, today: date, width: int) -> tuple[dict[str, Any], RenderableType]:
    from mentorlog.render import skills as render_skills

    trend = journal.skills.skill_trends([record], common.since("6m") or today, today)[0]
    return trend.to_json(), render_skills.show_skill(record, list(trend.goals), today, width=width)


def _show_plain(view: str) -> Show:
    def show(_: Journal, record: Any, today: date, __: int) -> tuple[dict[str, Any], RenderableType]:
        from mentorlog.render import records as render_records

        return record.to_json(), getattr(render_records, view)(record, today)

    return show


# the registry -------------------------------------------------------------------------------------------


class Kind(Value):
    """A record kind in the registry: how show, edit and delete get, change and remove it.

    patch: the patch class's name in mentorlog.core.patches (imported by edits only). flags: edit flag -> (patch
    field, converter). tagged: #words in its text become tags when edited. check_delete: raises why it cannot be
    deleted, before asking."""

    __slots__ = (  # noqa: RUF023 (in the order __init__ takes them)
        "word", "get", "update", "delete", "patch", "flags", "form", "show", "tagged", "check_delete", "extra",
    )  # fmt: skip
    __hash__ = None  # type: ignore[assignment]  # holds dicts

    def __init__(
        self,
        word: str,
        get: Callable[[Journal, int], Any],
        update: Callable[[Journal, int, Any], Any],
        delete: Callable[[Journal, int], Any],
        patch: str,
        flags: dict[str, tuple[str, Convert]],
        form: FormSpec,
        show: Show,
        tagged: bool = False,
        check_delete: Callable[[Journal, int], None] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.word, self.get, self.update, self.delete, self.patch = word, get, update, delete, patch
        self.flags, self.form, self.show, self.tagged, self.check_delete = flags, form, show, tagged, check_delete
        self.extra: dict[str, Any] = {} if extra is None else extra

    @property
    def table(self) -> str:
        """The kind's table, from the table registry."""
        from mentorlog.store import tables

        return tables.of_kind(self.word).name

    def noun(self) -> str:
        """The kind as a person reads it, in the chosen language (`session`, `Sitzung`)."""
        return _(NOUNS.get(self.word, self.word))

    def patch_from_flags(self, journal: Journal, record: Any, given: dict[str, Any]) -> patches.Patch:
        from mentorlog.core import patches

        values = {self.flags[flag][0]: self.flags[flag][1](journal, record, value) for flag, value in given.items()}
        patch_type: type[patches.Patch] = getattr(patches, self.patch)
        return patch_type(**values)


KINDS: dict[str, Kind] = {
    "session": Kind(
        "session",
        get=lambda j, i: j.sessions.get_session(i), update=lambda j, i, p: j.sessions.update_session(i, p),
        delete=lambda j, i: j.sessions.delete_session(i), patch="SessionPatch",
        flags={
            "text": ("notes", as_text), "title": ("title", as_text), "date": ("day", as_past_day),
            "with": ("person_id", as_person), "feedback": ("feedback", as_text),
            "confidence": ("confidence", as_confidence), "next": ("next_day", as_next),
            "private": ("private", as_flag), "tag": ("tags", as_tags), "goal": ("goal_ids", as_goal_ids),
        },
        form=FormSpec(editform.SESSION_FIELDS, editform.SESSION_SECTIONS, _session_fill, _session_read),
        show=_show_session, tagged=True,
    ),
    "goal": Kind(
        "goal",
        get=lambda j, i: j.goals.get_goal(i), update=lambda j, i, p: j.goals.update_goal(i, p),
        delete=lambda j, i: j.goals.delete_goal(i), patch="GoalPatch",
        check_delete=lambda j, i: j.goals.check_goal_deletable(i),
        flags={
            "title": ("title", as_text), "description": ("description", as_text), "horizon": ("horizon", as_horizon),
            "target": ("target", as_target), "parent": ("parent_id", _optional_id("goals", "goal")),
            "with": ("person_id", as_person), "tag": ("tags", as_tags),
        },
        form=FormSpec(("Title",), ("description",), _goal_fill, _goal_read),
        show=_show_goal, tagged=True,
    ),
    "action": Kind(
        "action",
        get=lambda j, i: j.actions.get_action(i), update=lambda j, i, p: j.actions.update_action(i, p),
        delete=lambda j, i: j.actions.delete_action(i), patch="ActionPatch",
        flags={
            "text": ("text", as_text), "owner": ("owner_id", as_owner), "due": ("due", as_due_day),
            "with": ("person_id", as_person), "goal": ("goal_id", _optional_id("goals", "goal")),
            "session": ("session_id", _optional_id("sessions", "session")),
        },
        form=_text_form("action"), show=_show_plain("show_action"),
    ),
    "reflection": Kind(
        "reflection",
        get=lambda j, i: j.reflections.get_reflection(i), update=lambda j, i, p: j.reflections.update_reflection(i, p),
        delete=lambda j, i: j.reflections.delete_reflection(i), patch="ReflectionPatch",
        flags={
            "text": ("text", as_text), "date": ("day", as_past_day), "with": ("person_id", as_person),
            "goal": ("goal_id", _optional_id("goals", "goal")), "tag": ("tags", as_tags),
        },
        form=_text_form("reflection"), show=_show_plain("show_reflection"), tagged=True,
    ),
    "person": Kind(
        "person",
        get=lambda j, i: j.people.get_person(i), update=lambda j, i, p: j.people.update_person(i, p),
        delete=lambda j, i: j.people.delete_person(i), patch="PersonPatch",
        check_delete=lambda j, i: j.people.check_person_deletable(i),
        flags={
            "name": ("name", as_text), "role": ("role", as_role), "cadence": ("cadence_days", as_cadence),
            "note": ("note", as_text), "since": ("started", as_past_day_or_none), "until": ("ends", as_target),
            "agreement": ("agreement", as_text), "meets": ("meets", as_slot),
            "template": ("template", as_template),
        },
        form=FormSpec(("Name", "Since", "Until"), ("agreement", "note"), _person_fill, _person_read),
        show=_show_person,
    ),
    "topic": Kind(
        "topic",
        get=lambda j, i: j.topics.get_topic(i), update=lambda j, i, p: j.topics.update_topic(i, p),
        delete=lambda j, i: j.topics.delete_topic(i), patch="TopicPatch",
        flags={"text": ("text", as_text), "with": ("person_id", as_topic_person)},
        form=_text_form("topic"), show=_show_plain("show_topic"),
    ),
    "skill": Kind(
        "skill",
        get=lambda j, i: j.skills.get_skill(i), update=lambda j, i, p: j.skills.update_skill(i, p),
        delete=lambda j, i: j.skills.delete_skill(i), patch="SkillPatch",
        flags={
            "name": ("name", as_text), "kind": ("kind", as_skill_kind), "description": ("description", as_text),
            "with": ("person_id", as_person), "goal": ("goal_ids", as_goal_ids),
        },
        form=FormSpec(("Name", "Kind"), ("description",), _skill_fill, _skill_read),
        show=_show_skill,
    ),
}  # fmt: skip


def kind(word: str) -> Kind:
    """The entry for a KIND argument, one of the table registry's words; an unknown word is a usage error
    listing them. A kind not built in here has its entry, `KIND`, in its noun module."""
    from importlib import import_module

    from mentorlog.store import tables

    cleaned = word.strip().lower()
    words = tables.kind_words()
    if cleaned not in words:
        raise UsageError(
            _("unknown kind {cleaned!r}").format(cleaned=cleaned),
            _("KIND is one of: {KINDS}.").format(KINDS=", ".join(words)),
        )
    if cleaned not in KINDS:
        KINDS[cleaned] = import_module(f"mentorlog.cli.{tables.of_kind(cleaned).cli}").KIND
    return KINDS[cleaned]
