"""safe.py: control characters become visible `\\xNN`, one_line folds and shortens. Pure, no terminal."""

from __future__ import annotations

import pytest

from mentorlog.base.safe import _escaped, inert, inert_foreign, one_line


@pytest.mark.parametrize(
    ("char", "shown"),
    [
        ("\x00", "\\x00"),
        ("\x01", "\\x01"),
        ("\x07", "\\x07"),
        ("\x08", "\\x08"),
        ("\x0b", "\\x0b"),
        ("\x0c", "\\x0c"),
        ("\r", "\\x0d"),
        ("\x1b", "\\x1b"),
        ("\x1f", "\\x1f"),
        ("\x7f", "\\x7f"),
        ("\x80", "\\x80"),
        ("\x9b", "\\x9b"),
        ("\x9f", "\\x9f"),
    ],
)
def test_every_control_character_is_shown_as_its_hex_code(char: str, shown: str) -> None:
    assert inert(f"a{char}b") == f"a{shown}b"


@pytest.mark.parametrize("char", ["\t", "\n", " ", "~", "\xa0", "é", "…", "[", "\\"])
def test_tab_newline_and_printable_characters_stay(char: str) -> None:
    assert inert(f"a{char}b") == f"a{char}b"


def test_an_escape_sequence_becomes_inert_text() -> None:
    assert inert("\x1b[31mred\x1b[0m") == "\\x1b[31mred\\x1b[0m"


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("a\nb   c", None, "a b c"),
        ("  padded\ttext  ", None, "padded text"),
        ("abcdef", 6, "abcdef"),
        ("abcdefg", 6, "abcde…"),
        ("ab cd", 4, "ab…"),
        ("ab", 1, "…"),
        ("ab", 0, "…"),
        ("ab", 2, "ab"),
        ("", 0, ""),
        ("x\x1by", 3, "x\\…"),
        ("x\x1by", None, "x\\x1by"),
    ],
)
def test_one_line_folds_whitespace_and_shortens_with_an_ellipsis(text: str, width: int | None, expected: str) -> None:
    assert one_line(text, width) == expected


def test_one_line_without_a_width_keeps_everything() -> None:
    assert one_line("word " * 50) == ("word " * 50).strip()


def test_json_text_escapes_every_control_character_and_keeps_the_rest() -> None:
    from mentorlog.base.safe import json_text

    data = {"a": "\x1b[2J", "b": "\x85\x9b\x7f", "c": "Übung — ok\t\n", "n": [1, None, True]}
    assert json_text(data) == (
        '{"a": "\\u001b[2J", "b": "\\u0085\\u009b\\u007f", "c": "Übung — ok\\t\\n", "n": [1, null, true]}'
    )
    assert json_text([1], indent=2) == "[\n  1\n]"


def test_shorten_words_and_capped() -> None:
    from mentorlog.base.safe import capped, shorten_words

    assert shorten_words("short words stay") == "short words stay"
    assert shorten_words("a " + "x" * 100, 10) == "a xxxxxxxxx…"
    assert shorten_words("x" * 9, 10) == "x" * 9
    assert capped("abcdef", 4) == ("abcd", 2)
    assert capped("abc", 4) == ("abc", 0)
    assert capped("abcd", 4) == ("abcd", 0)
    assert capped("abcde", 4) == ("abcd", 1)


def test_capped_keeps_twenty_thousand_characters_by_default() -> None:
    from mentorlog.base.safe import capped

    assert capped("x" * 20_000) == ("x" * 20_000, 0)
    assert capped("x" * 20_001) == ("x" * 20_000, 1)


def test_shorten_words_cuts_a_word_of_eighty_characters_or_more_by_default() -> None:
    from mentorlog.base.safe import shorten_words

    assert shorten_words("x" * 80) == "x" * 79 + "…"
    assert shorten_words("x" * 79) == "x" * 79
    assert shorten_words("a " + "x" * 81 + " b") == "a " + "x" * 79 + "… b"


def test_shorten_words_leaves_a_text_shorter_than_the_limit_alone() -> None:
    from mentorlog.base.safe import shorten_words

    assert shorten_words("x" * 100, 200) == "x" * 100


def test_ascii_fallback_names_known_glyphs_and_replaces_the_rest() -> None:
    import codecs

    from mentorlog.base.safe import ascii_fallback

    codecs.register_error("test-ascii", ascii_fallback)
    assert "█░ → ●☃".encode("ascii", errors="test-ascii") == b"#. -> o?"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("laptop-7", "laptop-7"),
        ("a\x1b[31mb", "a\\x1b[31mb"),  # an escape sequence, as inert shows it
        ("\x00\x85\xa0\xff-", "\\x00\\x85\\xa0ÿ-"),  # below U+0100: two hex digits (ÿ is printable)
        ("\u202eevil\u200b", "\\u202eevil\\u200b"),  # bidi override and zero width: four digits
        ("\uffff\U00010000", "\\uffff\U00010000"),  # the last of four digits; U+10000 is printable
        ("\U000e0001x", "\\U000e0001x"),  # above U+FFFF: eight digits
        ("one\ntwo", "one\\x0atwo"),  # on one line
    ],
)
def test_foreign_text_shows_every_unprintable_character_as_its_code(text: str, shown: str) -> None:
    assert inert_foreign(text) == shown


def test_foreign_text_is_cut_to_its_width_with_an_ellipsis() -> None:
    assert inert_foreign("x" * 200) == "x" * 200
    assert inert_foreign("x" * 201) == "x" * 199 + "…"
    assert inert_foreign("abcd", 4) == "abcd"
    assert inert_foreign("abcde", 4) == "abc…"
    assert inert_foreign("ab\x07def", 4) == "ab\\x07…"  # cut first, then escaped


@pytest.mark.parametrize(
    ("char", "shown"),
    [("\x00", "\\x00"), ("\xff", "\\xff"), ("\u0100", "\\u0100"), ("\uffff", "\\uffff"),
     ("\U00010000", "\\U00010000"), ("\U0010ffff", "\\U0010ffff")],
)  # fmt: skip
def test_a_code_is_written_with_as_few_of_2_4_or_8_hex_digits_as_hold_it(char: str, shown: str) -> None:
    assert _escaped(char) == shown  # U+0100 and U+10000 are printable, so inert_foreign never asks for them
