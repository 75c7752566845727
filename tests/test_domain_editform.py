"""editform.py: the editor text of a form, read back exactly; any notes text survives a round trip."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from mentorlog.core.editform import (
    NOTE_SECTIONS,
    SESSION_FIELDS,
    SESSION_SECTIONS,
    Form,
    is_blank,
    marker,
    parse,
    render,
    session_feedback,
    session_form,
)

HELP = "Session with Dr. Weber on 2026-11-26.\nLines starting with @@ are help and are ignored."


def newlines(text: str) -> str:
    """The one normalisation a round trip makes: Windows and old Mac line ends become `\\n`."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# the form value ---------------------------------------------------------------------------------


def test_a_missing_field_or_section_reads_as_empty_or_the_default() -> None:
    form = Form({"Title": "Rehearsal"}, {"notes": "text"})
    assert form.field("Title") == "Rehearsal"
    assert form.field("Title", "other") == "Rehearsal"
    assert form.field("Next") == ""
    assert form.field("Next", "friday") == "friday"
    assert form.section("notes") == "text"
    assert form.section("notes", "other") == "text"
    assert form.section("feedback") == ""
    assert form.section("feedback", "fine") == "fine"
    assert Form() == Form({}, {}, "")


def test_marker() -> None:
    assert marker("notes") == "@@ notes @@"


# render -----------------------------------------------------------------------------------------


def test_render_puts_help_then_fields_then_sections() -> None:
    form = Form(
        {"Title": "  Talk\trehearsal \n again ", "Confidence": "4", "Next": ""},
        {"feedback": "good pace\nslow down at the end", "notes": "# Heading\n\n@@ not help\n@@@ three\n@one\n"},
        "Line one  \n\nLine three",
    )
    assert render(form) == (
        "@@ Line one\n"
        "@@\n"
        "@@ Line three\n"
        "Title:   Talk\trehearsal   again \n"  # inner spacing kept (a title's spaces are the person's)
        "Confidence: 4\n"
        "Next: \n"
        "@@ feedback @@\n"
        "good pace\n"
        "slow down at the end\n"
        "@@ notes @@\n"
        "# Heading\n"
        "\n"
        "@@@ not help\n"
        "@@@@ three\n"
        "@one\n"
        "\n"
    )


def test_render_without_help_or_fields_and_with_an_empty_section() -> None:
    assert render(Form({}, {"notes": ""})) == "@@ notes @@\n"
    assert render(Form({}, {"notes": "", "feedback": "x"})) == "@@ notes @@\n@@ feedback @@\nx\n"
    assert render(Form({"Title": "x"}, {}, "")) == "Title: x\n"
    assert render(Form()) == "\n"


def test_render_writes_old_mac_and_windows_line_ends_as_lines() -> None:
    """A `\\r` inside the notes is a line end to the parser, so it is rendered as one (and escaped as one)."""
    assert render(Form({}, {"notes": "a\r@@ notes @@\r\nb"}, "help\rmore")) == (
        "@@ help\n@@ more\n@@ notes @@\na\n@@@ notes @@\nb\n"
    )


# parse ------------------------------------------------------------------------------------------


def test_parse_reads_fields_sections_and_skips_help() -> None:
    text = (
        "\ufeff@@ help line\r\n"
        "@@\r\n"
        "title:  Talk: rehearsal  \r\n"
        "  CONFIDENCE : 4\r\n"
        "Next:\r\n"
        "\r\n"
        "@@ feedback @@  \r\n"
        "good\r\n"
        "@@ unknown @@\r\n"
        "@@@ escaped\r\n"
        "@@ notes @@\r\n"
        "first\r"
        "@@@@ twice\r\n"
        "@x\r\n"
        "\r\n"
    )
    form = parse(text, ("Title", "Confidence", "Next"), ("notes", "feedback"))
    assert form == Form(
        {"Title": "Talk: rehearsal", "Confidence": "4", "Next": ""},
        {
            "feedback": "good\n@@ escaped",
            "notes": "first\n@@@ twice\n@x\n",
        },
    )
    assert list(form.fields) == ["Title", "Confidence", "Next"]
    assert list(form.sections) == ["feedback", "notes"]
    assert form.help == ""


def test_text_below_the_fields_before_any_marker_belongs_to_the_first_section() -> None:
    text = "@@ help\nTitle: x\n\n  \nSome words\nTitle: y\nOther: z\n@@ help again\n@@@ kept\n\n@@ feedback @@\nfb"
    form = parse(text, ("Title",), ("notes", "feedback"))
    assert form == Form({"Title": "x"}, {"notes": "Some words\nTitle: y\nOther: z\n@@ kept\n", "feedback": "fb"})


def test_a_field_line_without_a_colon_is_not_a_field() -> None:
    assert parse("title\nTitle: t", ("Title",), ("notes",)) == Form({}, {"notes": "title\nTitle: t"})
    assert parse("title\nTitle: t\n", ("Title",), ()) == Form({"Title": "t"}, {})


def test_a_repeated_marker_continues_its_section() -> None:
    text = "@@ notes @@\none\n@@ feedback @@\nfb\n@@ notes @@\ntwo\n"
    assert parse(text, (), ("notes", "feedback")) == Form({}, {"notes": "one\ntwo", "feedback": "fb"})


def test_only_one_final_newline_is_dropped() -> None:
    assert parse("@@ notes @@\nx\n\n", (), ("notes",)).section("notes") == "x\n"
    assert parse("@@ notes @@\nx", (), ("notes",)).section("notes") == "x"
    assert parse("@@ notes @@\n", (), ("notes",)).section("notes") == ""
    assert parse("@@ notes @@\n\n", (), ("notes",)).section("notes") == ""
    assert parse("@@ notes @@\n\n\n", (), ("notes",)).section("notes") == "\n"


def test_without_sections_free_text_is_ignored() -> None:
    assert parse("words\nTitle: t", ("Title",), ()) == Form({"Title": "t"}, {})
    assert parse("", ("Title",), ("notes",)) == Form()


def test_is_blank() -> None:
    assert is_blank("")
    assert is_blank(" \n\t\r\n")
    assert is_blank("\ufeff\ufeff \n")
    assert not is_blank("\ufeffx")
    assert not is_blank(" x ")
    assert not is_blank("@@")
    assert not is_blank("XX")


# the session form -------------------------------------------------------------------------------


def test_session_feedback_on_one_line_is_a_field() -> None:
    form = session_form("Talk", "4", "fri", "good pace", "notes here", "help")
    assert form == Form(
        {"Title": "Talk", "Confidence": "4", "Next": "fri", "Feedback": "good pace"}, {"notes": "notes here"}, "help"
    )
    assert session_feedback(form) == "good pace"
    back = parse(render(form), SESSION_FIELDS, SESSION_SECTIONS)
    assert back == Form(
        {"Title": "Talk", "Confidence": "4", "Next": "fri", "Feedback": "good pace"}, {"notes": "notes here"}
    )


def test_session_feedback_on_several_lines_is_a_section_before_the_notes() -> None:
    form = session_form("Talk", "", "", "good\npace", "", "")
    assert form == Form({"Title": "Talk", "Confidence": "", "Next": ""}, {"feedback": "good\npace", "notes": ""}, "")
    assert list(form.sections) == ["feedback", "notes"]
    assert session_feedback(form) == "good\npace"
    assert session_feedback(form, "default") == "good\npace"


def test_session_feedback_falls_back_to_the_default() -> None:
    assert SESSION_FIELDS == ("Title", "Confidence", "Next", "Feedback")
    assert SESSION_SECTIONS == ("notes", "feedback")
    assert session_feedback(Form({}, {"notes": "x"})) == ""
    assert session_feedback(Form({}, {"notes": "x"}), "kept") == "kept"
    assert session_feedback(Form({"Feedback": ""}, {}), "kept") == ""
    assert session_feedback(Form({"Feedback": "field"}, {"feedback": "section"}), "kept") == "section"
    assert session_feedback(Form({"Feedback": "field"}, {"feedback": ""}), "kept") == ""


# round trip -------------------------------------------------------------------------------------

LINE = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["", " ", "@@", "@@ notes @@", "@@ feedback @@", "@@@", "@", "#", "# heading", "Title: x", "\ufeff"]
    ),
    st.builds(lambda rest: "@@" + rest, st.text(max_size=8)),
)
TEXT = st.one_of(
    st.text(),
    st.lists(LINE, max_size=8).map("\n".join),
    st.lists(st.tuples(LINE, st.sampled_from(["\n", "\r", "\r\n", "\n\n"])), max_size=8).map(
        lambda pairs: "".join(line + end for line, end in pairs)
    ),
)


@settings(max_examples=400)
@given(notes=TEXT, feedback=TEXT, title=st.text(max_size=20))
@example(notes="a\r@@ notes @@", feedback="", title="")
@example(notes="\r\n\r", feedback="@@\n@@@", title="")
@example(notes="@@ feedback @@\n\n", feedback="x\r", title="Next: y")
def test_any_text_survives_a_round_trip(notes: str, feedback: str, title: str) -> None:
    fields = {"Title": title, "Confidence": "4"}
    form = Form(fields, {"feedback": feedback, "notes": notes}, HELP)
    back = parse(render(form), ("Title", "Confidence"), ("notes", "feedback"))
    assert back.sections == {"feedback": newlines(feedback), "notes": newlines(notes)}
    assert back.fields == {"Title": newlines(title).replace("\n", " ").strip(), "Confidence": "4"}


@settings(max_examples=200)
@given(notes=TEXT)
def test_notes_alone_survive_a_round_trip(notes: str) -> None:
    back = parse(render(Form({"Title": "t"}, {"notes": notes}, HELP)), ("Title",), ("notes",))
    assert back == Form({"Title": "t"}, {"notes": newlines(notes)})


def test_a_german_form_names_its_fields_and_sections_in_german_and_is_read_back() -> None:
    from mentorlog.base import i18n
    from mentorlog.core.editform import label

    i18n.use("de")
    try:
        assert [label(name) for name in ("Title", "notes", "feedback", "open", "odd")] == [
            "Titel", "Notizen", "Feedback", "open", "odd",
        ]  # fmt: skip
        form = Form({"Title": "T"}, {"notes": "a", "feedback": "b"})
        text = render(form)
        assert text == "Titel: T\n@@ Notizen @@\na\n@@ Feedback @@\nb\n"
        assert parse(text, ("Title",), ("notes", "feedback")) == form
        assert parse("Title: T\n@@ notes @@\na", ("Title",), ("notes",)) == Form({"Title": "T"}, {"notes": "a"})
    finally:
        i18n.use("en")


def test_a_new_notes_form_lists_the_open_topics_before_the_notes() -> None:
    topics = "- [ ] plan the offsite (#3)\n- [ ] hiring (#5)"
    form = session_form("Talk", "", "", "good pace", "notes here", "help", topics)
    assert form == Form(
        {"Title": "Talk", "Confidence": "", "Next": "", "Feedback": "good pace"},
        {"topics": topics, "notes": "notes here"},
        "help",
    )
    assert list(form.sections) == ["topics", "notes"]
    back = parse(render(form), SESSION_FIELDS, NOTE_SECTIONS)
    assert back.sections == {"topics": topics, "notes": "notes here"}
