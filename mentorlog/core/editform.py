"""The text a person edits in $EDITOR: help lines, one-line fields, then sections of free text. Pure.

    @@ Session with Dr. Weber on 2026-11-26. Lines starting with @@ are help and are ignored.
    Title: Talk rehearsal
    Confidence: 4
    Feedback: one line (more lines go to a `@@ feedback @@` section)
    @@ notes @@
    what we talked about — any Markdown, `# headings` included

Lines starting with `@@` are mentorlog's own (help, or a section marker like `@@ notes @@`), the way
git treats lines starting with `#` — but people do write `#` headings, and do not write `@@`. A line of
user text that does start with `@@` is written with one more `@` and read back without it, so any text
survives a round trip byte for byte, except that a CR LF or a lone CR in any text comes back as LF. A UTF-8
BOM and Windows line endings from the editor are ignored.
"""

from __future__ import annotations

from mentorlog.base.i18n import N_, _
from mentorlog.base.values import Value

MARK = "@@"
# The names of fields and sections, as the form shows them in the chosen language (`Titel:`, `@@ Notizen @@`);
# both the English and the shown name are read back, so a form saved in one language reads in the other.
LABELS = {
    name: name
    for name in (
        N_("Title"), N_("Confidence"), N_("Next"), N_("Feedback"), N_("Name"), N_("Since"), N_("Until"), N_("Kind"),
        N_("notes"), N_("feedback"), N_("description"), N_("text"), N_("agreement"), N_("note"), N_("reflection"),
        N_("topics"),
    )
}  # fmt: skip


def label(name: str) -> str:
    """NAME as the form shows it: translated when it is one of the form's own names."""
    return _(name) if name in LABELS else name


class Form(Value):
    """An editor form: one-line FIELDS in order ({"Title": "…"}), free-text SECTIONS in order (the last runs to the
    end) and the HELP shown above them."""

    __slots__ = ("fields", "sections", "help")  # noqa: RUF023 (in the order __init__ takes them)
    __hash__ = None  # type: ignore[assignment]  # holds dicts

    def __init__(
        self, fields: dict[str, str] | None = None, sections: dict[str, str] | None = None, help: str = ""
    ) -> None:
        self.fields: dict[str, str] = {} if fields is None else fields
        self.sections: dict[str, str] = {} if sections is None else sections
        self.help = help

    def field(self, name: str, default: str = "") -> str:
        return self.fields.get(name, default)

    def section(self, name: str, default: str = "") -> str:
        return self.sections.get(name, default)


def marker(name: str) -> str:
    return f"{MARK} {name} {MARK}"


def _newlines(text: str) -> str:
    """Windows (CR LF) and old Mac (CR) line ends as LF: parse splits lines at all three, so render does too."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _escape(line: str) -> str:
    return "@" + line if line.startswith(MARK) else line


def render(form: Form) -> str:
    """The form as editor text: help first (so text added at the end lands in the last section)."""
    lines = [f"{MARK} {line}".rstrip() for line in _newlines(form.help).split("\n")] if form.help else []
    lines += [f"{label(name)}: {_newlines(value).replace(chr(10), ' ')}" for name, value in form.fields.items()]
    for name, text in form.sections.items():
        lines.append(marker(label(name)))
        if text:
            lines.extend(_escape(line) for line in _newlines(text).split("\n"))
    return "\n".join(lines) + "\n"


def session_form(
    title: str, confidence: str, next_day: str, feedback: str, notes: str, help_text: str, topics: str = ""
) -> Form:
    """A session's form: feedback is a one-line field unless it has several lines (then a section); TOPICS (the
    open topics as `- [ ] text (#id)` lines, for a new note) come before the notes, which run to the end."""
    fields = {"Title": title, "Confidence": confidence, "Next": next_day}
    sections: dict[str, str] = {}
    if "\n" in feedback or feedback != feedback.strip():
        sections["feedback"] = feedback
    else:
        fields["Feedback"] = feedback
    if topics:
        sections["topics"] = topics
    sections["notes"] = notes
    return Form(fields, sections, help_text)


SESSION_FIELDS = ("Title", "Confidence", "Next", "Feedback")
SESSION_SECTIONS = ("notes", "feedback")
NOTE_SECTIONS = (*SESSION_SECTIONS, "topics")  # a new note's form also lists the open topics to tick


def session_feedback(form: Form, default: str = "") -> str:
    return form.sections["feedback"] if "feedback" in form.sections else form.field("Feedback", default)


def is_blank(text: str) -> bool:
    """Nothing but whitespace (and perhaps a BOM): the person emptied the file to cancel."""
    return not text.lstrip("\ufeff").strip()


def parse(text: str, fields: tuple[str, ...], sections: tuple[str, ...]) -> Form:
    """Read editor TEXT back into a Form with the given FIELDS and SECTIONS (both may be left out).

    Text below the fields that comes before any section marker belongs to the first section."""
    text = _newlines(text.removeprefix("\ufeff"))
    if text.endswith("\n"):
        text = text[:-1]
    wanted_fields = {key.lower(): name for name in fields for key in (name, label(name))}
    markers = {marker(key): name for name in sections for key in (name, label(name))}
    found_fields: dict[str, str] = {}
    found_sections: dict[str, list[str]] = {}
    current: str | None = None
    for line in text.split("\n"):
        if line.startswith(MARK) and not line.startswith(MARK + "@"):
            if line.rstrip() in markers:
                current = markers[line.rstrip()]
                found_sections.setdefault(current, [])
            continue  # a help line
        if current is None:
            key, sep, value = line.partition(":")
            if sep and key.strip().lower() in wanted_fields:
                found_fields[wanted_fields[key.strip().lower()]] = value.strip()
                continue
            if not line.strip() or not sections:
                continue
            current = sections[0]
            found_sections.setdefault(current, [])
        found_sections[current].append(line[1:] if line.startswith(MARK + "@") else line)
    return Form(found_fields, {name: "\n".join(lines) for name, lines in found_sections.items()})
