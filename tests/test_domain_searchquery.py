"""searchquery: what a person types, as exact FTS5 terms (nothing in it is FTS5 syntax), then the query."""

from __future__ import annotations

import pytest

from mentorlog.base.errors import UsageError
from mentorlog.core.searchquery import fts_query, prefix_hint, terms


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("delegation", '"delegation"'),
        ("  two   words ", '"two" "words"'),
        ("deleg*", '"deleg"*'),
        ("FOX*", '"FOX"*'),
        ("a**", '"a"*'),
        ("*deleg", '"deleg"'),
        ("a * b", '"a" "b"'),
        ("* a", '"a"'),
        ("a *", '"a"'),
        ("NEAR(a b)", '"NEAR" "a" "b"'),
        ("a AND b OR NOT c", '"a" "AND" "b" "OR" "NOT" "c"'),
        ("title:plan", '"title" "plan"'),
        ("-x +y ^z", '"x" "y" "z"'),
        ("don't", '"don" "t"'),
        ("Straße über_all 42", '"Straße" "über_all" "42"'),
        ('"talk rehearsal"', '"talk rehearsal"'),
        ('"talk   rehearsal" next', '"talk rehearsal" "next"'),
        ('before "a b" after', '"before" "a b" "after"'),
        ('"a b""c d"', '"a b" "c d"'),
        ('"foo* bar"', '"foo bar"'),
        ('"FOX*bar"', '"FOX bar"'),
        ('"NEAR(a, b)"', '"NEAR a b"'),
        ('"" word', '"word"'),
        ('"*" word', '"word"'),
        ('x"y"z', '"x" "y" "z"'),
        ('a "b', '"a" "b"'),
        ('a"b', '"a" "b"'),
        ('a "b" "c', '"a" "b" "c"'),
        ('"a b" "c', '"a" "b" "c"'),
        ('"a b" "c d', '"a" "b" "c" "d"'),
    ],
)
def test_terms(typed: str, query: str) -> None:
    """The terms, each quoted as FTS5 reads it (bare words get their word forms in fts_query, below)."""
    assert " ".join(f'"{value}"' if kind == "word" else value for kind, value in terms(typed)) == query


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("deleg*", '"deleg"*'),
        ('"talk rehearsal"', '"talk rehearsal"'),
        ("plans budget", '("plans" OR "plan"*) AND ("budget" OR "budg"* OR "budget"*)'),
        ("Übungen", '("Übungen" OR "ubung"* OR "Übungen"*)'),
        ("is", '("is" OR "is"*)'),  # a stem shorter than three letters is not used as a prefix
        ("functions x*", '("functions" OR "function"* OR "functions"*) AND "x"*'),  # last BARE word: a prefix
        ("feedback cats", '"feedback" AND ("cats" OR "cat"* OR "cats"*)'),  # no stem of its own: the word alone
        ("cats feedback", '("cats" OR "cat"*) AND ("feedback" OR "feedback"*)'),  # a stem of three letters is used
    ],
)
def test_fts_query_adds_word_forms(typed: str, query: str) -> None:
    assert fts_query(typed) == query


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("", "''"), ("   ", "'   '"), ("*", "'*'"), ("* **", "'* **'"), ('""', "'\"\"'"), ('"', "'\"'"), ("()", "'()'")],
)
def test_nothing_to_search_for(typed: str, shown: str) -> None:
    with pytest.raises(UsageError) as caught:
        fts_query(typed)
    assert caught.value.message == f"nothing to search for in {shown}"
    assert caught.value.hint == "Give one or more words, e.g. mentorlog search delegation"


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("delegation", "deleg*"),
        ("feedback", "feed*"),
        ("abcdefghi", "abcd*"),
        ("go", "go*"),
        ("über", "über*"),
        ("delegation  feedback", "deleg* feed*"),
        ("a-b", None),
        ("go a-b", None),
        ('"go on"', None),
        ("", None),
        ("   ", None),
    ],
)
def test_an_empty_result_hints_at_each_bare_word_as_a_prefix_of_half_its_length(text: str, hint: str | None) -> None:
    assert prefix_hint(text) == hint


def test_terms_name_their_kind() -> None:
    assert terms('"talk rehearsal" deleg* plans') == [
        ("phrase", '"talk rehearsal"'),
        ("prefix", '"deleg"*'),
        ("word", "plans"),
    ]
