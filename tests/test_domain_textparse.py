"""textparse beyond the date grammar: `with:` on an action item, the topic lines of a new note's form, and a
reflection as one line of prose for `highlights`."""

from __future__ import annotations

import pytest

from mentorlog.core.textparse import (
    ActionLine,
    ParsedNote,
    heading_text,
    highlight,
    parse_action,
    ticked_topics,
    topic_line,
)


@pytest.mark.parametrize(
    ("typed", "action"),
    [
        ("send deck with:Ada", ActionLine("send deck", None, None, False, "Ada")),
        ('call mit:"Ada Lovelace" fällig:fri', ActionLine("call", "fri", None, False, "Ada Lovelace")),
        ("x WITH:Bo owner:them", ActionLine("x", None, "them", False, "Bo")),
        ("ask with: someone", ActionLine("ask with: someone", None, None, False, None)),  # no name: plain text
        ("x with:", ActionLine("x with:", None, None, False, None)),
    ],
)
def test_with_names_the_person_an_action_item_is_with(typed: str, action: ActionLine) -> None:
    assert parse_action(typed) == action


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("## What we achieved", "What we achieved"),
        ("# x #", "x"),
        ("   ### three spaces", "three spaces"),
        ("###### six  ", "six"),
        ("####### seven", None),
        ("    #### four spaces: code", None),
        ("#", None),
        ("## ", None),
        ("##nospace", None),
        ("plain", None),
    ],
)
def test_a_heading_line_gives_its_words(line: str, words: str | None) -> None:
    assert heading_text(line) == words


def test_a_highlight_is_the_text_on_one_line_with_headings_as_lead_ins() -> None:
    text = "## What we achieved\n\nLots.\n  More  \n## Why?\nBecause.\n### Next.\n#\n## Done!\n## Plan:\nship"
    assert highlight(text) == "What we achieved: Lots. More Why? Because. Next. # Done! Plan: ship"
    assert highlight("") == ""
    assert highlight("## Phase X\nship") == "Phase X: ship"


def test_a_topic_line_is_one_line_with_its_box_and_id() -> None:
    assert topic_line("  plan the\n offsite  ", 7) == "- [ ] plan the offsite (#7)"
    assert topic_line("hiring", 3, ticked=True) == "- [x] hiring (#3)"


def test_the_ticked_offered_topics_are_read_and_their_lines_leave_the_notes() -> None:
    text = (
        "- [x] a (#3)\n- [ ] b (#4)\n* [X] c (#5)\n- [x] mine (#9)\n+ [x] a again (#3)\nplain\n"
        "  - [x] d (#4)  \n- [x] no id\n- [y] e (#5)"
    )
    assert ticked_topics(text, {3, 4, 5}) == ([3, 5, 4], "- [x] mine (#9)\nplain\n- [x] no id\n- [y] e (#5)")
    assert ticked_topics("- [ ] b (#4)", {4}) == ([], "")
    assert ticked_topics("- [x] b (#4)\n\nnotes", set()) == ([], "- [x] b (#4)\n\nnotes")


def test_a_parsed_note_without_actions_or_tags_has_empty_lists_of_its_own() -> None:
    first, second = ParsedNote("just words"), ParsedNote("other words")
    assert (first.notes, first.actions, first.tags) == ("just words", [], [])
    first.actions.append(ActionLine("call Ana"))
    first.tags.append("plan")
    assert (second.actions, second.tags) == ([], [])
    given = [ActionLine("send the deck", due="2026-12-04")]
    assert ParsedNote("n", given, ["work"]).actions is given and ParsedNote("n", given, ["work"]).tags == ["work"]
