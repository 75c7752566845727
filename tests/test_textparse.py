from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorlog.base.errors import BadValue
from mentorlog.core.textparse import (
    ActionLine,
    ParsedNote,
    RatingLine,
    find_tags,
    normalise_owner,
    normalise_tag,
    parse_action,
    parse_note,
    parse_rating,
    reads_as_date,
)


def test_note_turns_checkbox_lines_into_actions_and_keeps_the_rest_as_notes() -> None:
    parsed = parse_note("We talked about #Delegation.\n- [ ] send the draft due:fri\n* [x] book room\nMore notes.")
    assert parsed.notes == "We talked about #Delegation.\nMore notes."
    assert parsed.actions == [
        ActionLine(text="send the draft", due="fri", owner=None, done=False),
        ActionLine(text="book room", due=None, owner=None, done=True),
    ]
    assert parsed.tags == ["delegation"]


def test_action_tokens_for_due_and_owner_are_split_off() -> None:
    assert parse_action('review the plan owner:weber due:"next friday" soon') == ActionLine(
        text="review the plan soon", due="next friday", owner="weber"
    )
    assert parse_action("DUE:+2w call Anna").due == "+2w"


def test_tags_are_words_after_a_hash_not_anchors_entities_or_headings() -> None:
    text = "# Heading\n#growth and #Growth, page#anchor &#38; #1 #career-path- #über"
    assert find_tags(text) == ["growth", "career-path", "über"]


def test_unchecked_box_without_text_is_not_an_action() -> None:
    assert parse_note("- [ ] \nnotes").actions == []


# due: takes multi-word dates, owner: takes pronouns -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("send the deck due:next friday owner:weber", ActionLine("send the deck", due="next friday", owner="weber")),
        ("due:in 2 wochen call Anna", ActionLine("call Anna", due="in 2 wochen")),
        ("call Anna due:in two weeks", ActionLine("call Anna", due="in two weeks")),
        ("call Anna due:tomorrow about the plan", ActionLine("call Anna about the plan", due="tomorrow")),
        ("book due:fri 10am standup room", ActionLine("book standup room", due="fri 10am")),
        ("x due:3. Dezember 2026 14:30 y", ActionLine("x y", due="3. Dezember 2026 14:30")),
        ("x due:dec 3 2026 review", ActionLine("x review", due="dec 3 2026")),
        ("x due:in 3 days at 3pm go", ActionLine("x at 3pm go", due="in 3 days")),
        ("x due:fri", ActionLine("x", due="fri")),
        ("x due:+2w y", ActionLine("x y", due="+2w")),
        ("x due: next friday y", ActionLine("x y", due="next friday")),
        ("x due: fri", ActionLine("x", due="fri")),
        ("x due:fri owner:weber y", ActionLine("x y", due="fri", owner="weber")),
        ("x due:next owner:weber friday", ActionLine("x friday", due="next", owner="weber")),
        ("x due:never again", ActionLine("x again", due="never")),
        ("x due: someday", ActionLine("x due: someday")),
        ("x due:", ActionLine("x due:")),
        ('x due:"next friday" y', ActionLine("x y", due="next friday")),
        ('x due:"fri" friday', ActionLine("x friday", due="fri")),
        ('x due:"" y', ActionLine("x y", due="")),
        ('x due:" y', ActionLine("x y", due='"')),
        ("a due:fri due:mon b", ActionLine("a b", due="mon")),
        ("Due:Mon 3pm x", ActionLine("x", due="Mon 3pm")),
        ("x overdue:fri y", ActionLine("x overdue:fri y")),
        ("x  due:fri   y", ActionLine("x y", due="fri")),
    ],
)
def test_due_takes_the_longest_run_of_words_that_reads_as_a_date(text: str, expected: ActionLine) -> None:
    assert parse_action(text) == expected


def test_due_reads_at_most_four_words() -> None:
    assert parse_action("x due:one two three four five", reads_as_date=lambda text: True) == ActionLine(
        "x five", due="one two three four"
    )
    assert parse_action("x due: one two three four five", reads_as_date=lambda text: True) == ActionLine(
        "x five", due="one two three four"
    )


def test_due_asks_the_given_checker_and_prefers_the_longest_reading() -> None:
    asked: list[str] = []

    def checker(text: str) -> bool:
        asked.append(text)
        return text in ("a", "a b")

    assert parse_action("due:a b c d e", reads_as_date=checker) == ActionLine("c d e", due="a b")
    assert asked == ["a b c d", "a b c", "a b"]


def test_a_bare_due_without_a_date_after_it_stays_text() -> None:
    assert parse_action("x due: y", reads_as_date=lambda text: False) == ActionLine("x due: y")


def test_a_glued_due_word_is_the_due_date_even_when_it_does_not_read() -> None:
    assert parse_action("x due:someday y", reads_as_date=lambda text: False) == ActionLine("x y", due="someday")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("29.2.", True),
        ("feb 29", True),
        ("next friday", True),
        ("in 2 wochen", True),
        ("fri 10am", True),
        ("someday", False),
        ("next", False),
        ("31.02.", False),
        ("", False),
    ],
)
def test_the_default_date_check_needs_no_clock(text: str, expected: bool) -> None:
    assert reads_as_date(text) is expected


def test_due_feb_29_is_kept_whole_for_the_cli_to_judge_with_the_real_today() -> None:
    assert parse_action("x due:feb 29 y").due == "feb 29"


@pytest.mark.parametrize(
    ("token", "owner"),
    [
        ("owner:me", "me"),
        ("owner:Me", "me"),
        ("owner:them", "them"),
        ("owner:THEM", "them"),
        ("owner:ich", "me"),
        ("owner:Ich", "me"),
        ("owner:sie", "them"),
        ("owner:Sie", "them"),
        ("owner:er", "them"),
        ("owner:ER", "them"),
        ("owner:Weber", "Weber"),
        ("owner:weber", "weber"),
        ('owner:"Dr. Weber"', "Dr. Weber"),
        ("OWNER:anna", "anna"),
    ],
)
def test_owner_words_me_and_them_also_in_german_and_names_as_typed(token: str, owner: str) -> None:
    assert parse_action(f"call back {token} soon") == ActionLine("call back soon", owner=owner)


def test_owner_takes_one_word_and_an_empty_owner_stays_text() -> None:
    assert parse_action("x owner:weber friday") == ActionLine("x friday", owner="weber")
    assert parse_action("x owner: weber") == ActionLine("x owner: weber")
    assert parse_action("x owner:anna owner:ich") == ActionLine("x", owner="me")


@pytest.mark.parametrize(
    ("owner", "expected"),
    [("ich", "me"), ("Ich", "me"), ("ME", "me"), ("sie", "them"), ("Er", "them"), ("them", "them"), ("Sie2", "Sie2")],
)
def test_normalise_owner(owner: str, expected: str) -> None:
    assert normalise_owner(owner) == expected


def test_note_lines_pass_the_date_checker_on_to_every_action() -> None:
    text = "Notes\n- [ ] send the deck due:next friday owner:ich\n- [x] call due:a b c\nEnd"
    parsed = parse_note(text, reads_as_date=lambda candidate: candidate in ("next", "a b"))
    assert parsed.actions == [
        ActionLine("send the deck friday", due="next", owner="me"),
        ActionLine("call c", due="a b", done=True),
    ]
    assert parse_note(text).actions == [
        ActionLine("send the deck", due="next friday", owner="me"),
        ActionLine("call b c", due="a", done=True),
    ]


def test_a_due_date_with_a_colon_in_it_is_one_token() -> None:
    assert parse_action("x due:2026-12-03T14:30 y") == ActionLine("x y", due="2026-12-03T14:30")
    assert parse_action("x owner:a:b y") == ActionLine("x y", owner="a:b")


# tags, notes, editor texts --------------------------------------------------------------------------


def test_tags_come_from_every_given_text_in_order_and_none_is_skipped() -> None:
    assert find_tags(None, "#b and #a", None, "#B #c") == ["b", "a", "c"]
    assert find_tags() == []
    assert find_tags(None) == []
    assert find_tags("no tags here") == []


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("#Growth", "growth"),
        ("  #career-path-  ", "career-path"),
        ("##x", "x"),
        ("#XRAY", "xray"),
        ("#TAX-", "tax"),
        ("Straße", "strasse"),
        ("tag#", "tag#"),
    ],
)
def test_normalise_tag_drops_hashes_and_trailing_dashes_and_casefolds(tag: str, expected: str) -> None:
    assert normalise_tag(tag) == expected


def test_note_keeps_indentation_and_leading_spaces_but_not_blank_edges() -> None:
    parsed = parse_note("\n\n  indented start\n  - [X] done with capital X  \n   - nested item   \nXylophone\n\n")
    assert parsed.notes == "  indented start\n   - nested item\nXylophone"
    assert parsed.actions == [ActionLine("done with capital X", done=True)]


def test_note_without_checkboxes_is_all_notes() -> None:
    assert parse_note("one\ntwo") == ParsedNote(notes="one\ntwo", actions=[], tags=[])
    assert parse_note("\nXmas party: book it. FedEx\n").notes == "Xmas party: book it. FedEx"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="#&/ab1_-éü \n\tZ9.", max_size=40))
def test_the_tag_pattern_finds_what_the_look_behind_first_pattern_found(text: str) -> None:
    """TAG puts its `#` before the look-behind (for speed); it must match exactly where the plain form did."""
    import re

    from mentorlog.core.textparse import TAG

    plain = re.compile(r"(?<![\w#&/])#([^\W\d_][\w-]*)")
    assert [(m.span(), m.group(1)) for m in TAG.finditer(text)] == [
        (m.span(), m.group(1)) for m in plain.finditer(text)
    ]


@pytest.mark.parametrize("text", ["giving feedback", "feedback=", "=4"])
def test_a_rating_without_skill_or_level_names_the_rating_and_quotes_the_text(text: str) -> None:
    with pytest.raises(BadValue) as caught:
        parse_rating(text)
    assert caught.value.field == "rating"
    assert str(caught.value) == f"a rating is SKILL=LEVEL, like 'giving feedback=4', not {text!r}"


@pytest.mark.parametrize("text", ["feedback=4 by:", "feedback=4 BY: clearer"])
def test_a_rating_with_an_empty_by_token_asks_whose_view(text: str) -> None:
    with pytest.raises(BadValue) as caught:
        parse_rating(text)
    assert caught.value.field == "rating"
    assert str(caught.value) == f"'by:' needs whose view, like 'by:them' or 'by:weber', in {text!r}"


def test_a_rating_reads_by_in_any_case_and_keeps_the_value_after_the_first_colon() -> None:
    assert parse_rating("feedback=4 By:Them") == RatingLine("feedback", "4", "them")
    assert parse_rating("feedback=4 by:a:b") == RatingLine("feedback", "4", "a:b")


def test_a_rating_keeps_other_colon_words_and_a_second_by_token_in_the_note() -> None:
    assert parse_rating("feedback=4 see:notes") == RatingLine("feedback", "4", None, "see:notes")
    assert parse_rating("feedback=4 by:them by:weber") == RatingLine("feedback", "4", "them", "by:weber")
    assert parse_rating("feedback=4 later") == RatingLine("feedback", "4", None, "later")
    assert parse_rating("feedback=4 nearby:x") == RatingLine("feedback", "4", None, "nearby:x")
    assert parse_rating("feedback=4 : x") == RatingLine("feedback", "4", None, ": x")
    assert parse_rating("feedback=4 see:") == RatingLine("feedback", "4", None, "see:")
