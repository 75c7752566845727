"""The snippet `search` shows for a hit (core/snippet.py), its matched words between marks, and the hit as
`search --json` gives it (core/hits.py): values asserted directly, no store, no CLI.

Every snippet below is the one FTS5's snippet() makes for the same row and query (the `[`/`]` marks stand for the
bold words of the table; `search --json` gives the snippet without them); the last test here checks that against
SQLite for the short texts, and tests/test_search_snippet.py compares random texts."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator

import pytest

from mentorlog.core.hits import Hit
from mentorlog.core.records import MATCH_CLOSE, MATCH_OPEN
from mentorlog.core.searchquery import fts_query, query_phrases
from mentorlog.core.snippet import TOKEN, _Column, _first_match, _letter, _pattern, _sentence_starts, fold, make_snippet

COUNT = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen " \
        "eighteen nineteen twenty"  # fmt: skip
FILLER = "filler " * 6000  # 42,000 characters: longer than a text that is read whole (snippet.WHOLE)


def snippet(title: str, body: str, query: str) -> str:
    return make_snippet([title, body], query_phrases(query), "[", "]")


SHORT = [
    # the best fragment of 16 tokens, the match about in its middle, `…` where the text is cut
    ("", COUNT + " target", "target",
     "…six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty "
     "[target]"),
    ("", "target " + COUNT, "target",
     "[target] one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen…"),
    ("", COUNT + " target " + COUNT, "target",
     "…fourteen fifteen sixteen seventeen eighteen nineteen twenty [target] one two three four five six seven eight…"),
    ("", COUNT + " target x target y target " + COUNT, "target",
     "…sixteen seventeen eighteen nineteen twenty [target] x [target] y [target] one two three four five six…"),
    # a fragment that starts a sentence (after `.` or `:` and a space) is preferred
    ("", "We talked. About delegation: and the review of the design doc.", "delegation",
     "We talked. About [delegation]: and the review of the design doc."),
    ("", "Start here. " + COUNT + ". Then target came " + COUNT, "target",
     "…Then [target] came one two three four five six seven eight nine ten eleven twelve thirteen…"),
    ("", "Start here. " + COUNT + ": Then target came " + COUNT, "target",
     "…Then [target] came one two three four five six seven eight nine ten eleven twelve thirteen…"),
    ("", "Start here. " + COUNT + ".Then target came " + COUNT, "target",  # no space after the dot: no sentence
     "…fifteen sixteen seventeen eighteen nineteen twenty.Then [target] came one two three four five six seven…"),
    ("", "Intro: " + COUNT + " more words here and target", "target",
     "…ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty more words here and "
     "[target]"),
    ("", COUNT + "\n\n" + COUNT + " target", "target",
     "…six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty "
     "[target]"),
    ("", "one. two. three. four. five. six. seven. eight. nine. ten. eleven. twelve. thirteen. fourteen. fifteen. "
     "sixteen. target seventeen. eighteen.", "target",
     "…four. five. six. seven. eight. nine. ten. eleven. twelve. thirteen. fourteen. fifteen. sixteen. [target] "
     "seventeen. eighteen."),
    # each phrase's first match in a fragment counts 1000: the last word is also a prefix phrase, so it counts twice
    ("", COUNT + " alpha " + COUNT + " beta gamma " + COUNT, "alpha beta",
     "…fourteen fifteen sixteen seventeen eighteen nineteen twenty [beta] gamma one two three four five six seven…"),
    ("", "review plan review plan", "review plan", "[review] [plan] [review] [plan]"),
    ("", "a b c plan d e f plan g", "plan", "a b c [plan] d e f [plan] g"),
    ("", "x1 x1 x1", "x1", "[x1] [x1] [x1]"),
    # phrases, prefixes, word forms, diacritics
    ("", COUNT + " design doc " + COUNT, '"design doc"',
     "…fourteen fifteen sixteen seventeen eighteen nineteen twenty [design doc] one two three four five six seven…"),
    ("", "the design, doc and design doc", '"design doc"', "the [design, doc] and [design doc]"),
    ("", "design\ndoc design_doc", '"design doc"', "[design\ndoc] [design_doc]"),
    ("", "delegate delegating delegation", "deleg*", "[delegate] [delegating] [delegation]"),
    ("", "undelegation delegation", "delegation", "undelegation [delegation]"),
    ("", "reviews and review", '"review"', "reviews and [review]"),  # a quoted word is no prefix
    # a sentence starts after `.` or `:` and white space only: not after a letter, nor after `.:` with no space
    ("", COUNT + " endX then target " + COUNT, "target",
     "…sixteen seventeen eighteen nineteen twenty endX then [target] one two three four five six seven eight…"),
    ("", COUNT + " end.X then target " + COUNT, "target",
     "…seventeen eighteen nineteen twenty end.X then [target] one two three four five six seven eight…"),
    ("", COUNT + " end.:then target " + COUNT, "target",
     "…sixteen seventeen eighteen nineteen twenty end.:then [target] one two three four five six seven eight…"),
    # overlapping matches are marked as one
    ("", "design doc review", '"design doc" "doc review"', "[design doc review]"),
    ("", "a design doc review plan", '"design doc" "doc review" "review plan"', "a [design doc review plan]"),
    ("", "the design doc review of the design", '"design doc"', "the [design doc] review of the design"),
    ("Delegation of reviews", "hand over the code reviews", "review", "Delegation of [reviews]"),
    ("", "Übung macht den Meister", "ubung", "[Übung] macht den Meister"),
    ("", "Die Ubung und die Übungen", "Übung", "Die [Ubung] und die [Übungen]"),
    ("", "naïve café crème", "cafe", "naïve [café] crème"),
    ("", "die U\u0308bung, a \u0301 b", "übung", "die [U\u0308bung], a \u0301 b"),  # decomposed: one token
    # the title is a column too; text around the tokens is kept as written
    ("A plan", "", "plan", "A [plan]"),
    ("Short title plan", COUNT + " plan " + COUNT, "plan", "Short title [plan]"),
    ("", "  leading spaces plan  trailing  ", "plan", "  leading spaces [plan]  trailing  "),
    ("", "(plan) and [plan].", "plan", "([plan]) and [[plan]]."),
]  # fmt: skip


@pytest.mark.parametrize(("title", "body", "query", "shown"), SHORT)
def test_the_snippet_of_a_short_text(title: str, body: str, query: str, shown: str) -> None:
    assert snippet(title, body, query) == shown


def test_without_a_match_the_snippet_is_the_start_of_the_first_column_with_words() -> None:
    assert snippet("Title words", "no match here at all " + COUNT, "zzz") == "Title words"
    assert snippet("", "no match here at all " + COUNT, "zzz") == (
        "no match here at all one two three four five six seven eight nine ten eleven…"
    )
    assert snippet("", "", "zzz") == ""
    assert snippet("...", "", "zzz") == "..."  # no words anywhere: the first column's text
    assert snippet("", "!" * 300, "zzz") == ""
    assert make_snippet(["", "!" * 300], [], "[", "]") == ""
    assert make_snippet(["!" * 300, ""], [], "[", "]") == "!" * 200  # at most 200 characters of it


LONG = [
    ("middle", FILLER + "We met. The delegation talk went well " + FILLER, "delegation",
     "…The [delegation] talk went well filler filler filler filler filler filler filler filler filler filler filler…"),
    ("start", "Kickoff: delegation first. " + FILLER, "delegation",
     "Kickoff: [delegation] first. filler filler filler filler filler filler filler filler filler filler filler "
     "filler filler…"),
    ("end", FILLER + "and at last the delegation.", "delegation",
     "…filler filler filler filler filler filler filler filler filler filler filler and at last the [delegation]."),
    ("end of the text", FILLER + "and at last the delegation", "delegation",
     "…filler filler filler filler filler filler filler filler filler filler filler and at last the [delegation]"),
    ("diacritic", FILLER + "die Übungen heute " + FILLER, "ubung",
     "…filler filler filler filler filler filler die [Übungen] heute filler filler filler filler filler filler "
     "filler…"),
    ("decomposed", FILLER + "die U\u0308bung heute " + FILLER, "ubung",
     "…filler filler filler filler filler filler die [U\u0308bung] heute filler filler filler filler filler filler "
     "filler…"),
    # the window is around the first match: the first find of a phrase's first word where its form is found at
    # a word's start, else in the text without diacritics, measured back by what taking them off moved
    ("first of two", FILLER + "first delegation here " + FILLER + "last delegation there " + FILLER, "delegation",
     "…filler filler filler filler filler filler first [delegation] here filler filler filler filler filler filler "
     "filler…"),
    ("first of two without diacritics", FILLER + "die Übung eins " + FILLER + "die Übung zwei " + FILLER, "ubung",
     "…filler filler filler filler filler filler die [Übung] eins filler filler filler filler filler filler filler…"),
    ("at the start", "delegation first. " + FILLER + "review later " + FILLER, "delegation review",
     "[delegation] first. filler filler filler filler filler filler filler filler filler filler filler filler filler "
     "filler…"),
    ("at the start without diacritics", "Übung erst İ " + FILLER + "review später " + FILLER, "ubung review",
     "[Übung] erst İ filler filler filler filler filler filler filler filler filler filler filler filler filler…"),
    ("at the start and later", "ubung eins " + FILLER + "ubung zwei " + FILLER, "ubung",
     "[ubung] eins filler filler filler filler filler filler filler filler filler filler filler filler filler "
     "filler…"),
    ("longer without diacritics", "한국어 " * 200 + FILLER + "die Übung heute " + FILLER, "ubung",
     "…filler filler filler filler filler filler die [Übung] heute filler filler filler filler filler filler "
     "filler…"),
    ("a letter without variants", "xbob xox " + FILLER + "real bob " + FILLER, "bob",
     "…filler filler filler filler filler filler real [bob] filler filler filler filler filler filler filler "
     "filler…"),
    ("no prefix", "bobby " + FILLER + "real bob " + FILLER, '"bob"',
     "…filler filler filler filler filler filler real [bob] filler filler filler filler filler filler filler "
     "filler…"),
    ("marks before", "U\u0308" * 3000 + FILLER + "die Ubung heute " + FILLER, "ubung",
     "…filler filler filler filler filler filler die [Ubung] heute filler filler filler filler filler filler "
     "filler…"),
    ("prefix", FILLER + "we were delegating work " + FILLER, "deleg*",
     "…filler filler filler filler filler we were [delegating] work filler filler filler filler filler filler "
     "filler…"),
    ("phrase", FILLER + "the design, doc was read " + FILLER, '"design doc"',
     "…filler filler filler filler filler filler the [design, doc] was read filler filler filler filler filler…"),
    ("inside a word", "undelegation " + FILLER + "real delegation here " + FILLER, "delegation",
     "…filler filler filler filler filler filler real [delegation] here filler filler filler filler filler filler "
     "filler…"),
    ("longer lower case", "İ" * 10 + FILLER + "the delegation " + FILLER, "delegation",
     "…filler filler filler filler filler filler the [delegation] filler filler filler filler filler filler filler "
     "filler…"),
    ("window cuts a word", "x" * 37 + FILLER + "We met. The delegation talk went well " + FILLER, "delegation",
     "…The [delegation] talk went well filler filler filler filler filler filler filler filler filler filler filler…"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "body", "query", "shown"), LONG, ids=[case[0] for case in LONG])
def test_the_snippet_of_a_long_text_is_made_from_a_window_around_the_first_match(
    name: str, body: str, query: str, shown: str
) -> None:
    assert len(body) > 30_000
    assert snippet("", body, query) == shown


def test_a_text_of_up_to_30000_characters_is_read_whole_a_longer_one_around_its_first_match() -> None:
    head, tail = "alpha one ", "alpha beta."
    body = head + ("filler " * 5000)[: 30_000 - len(head) - len(tail) - 1] + " " + tail
    assert len(body) == 30_000
    assert snippet("", body, "alpha beta") == (
        "…filler filler filler filler filler filler filler filler filler filler filler filler filler fill "
        "[alpha] [beta]."
    )
    assert snippet("", body + " x", "alpha beta") == (  # the fragment with both words is outside the window
        "[alpha] one filler filler filler filler filler filler filler filler filler filler filler filler filler filler…"
    )


@pytest.mark.parametrize(
    ("between", "shown"),
    [
        (425, "…filler die [Übung] A" + " filler" * 12 + "…"),
        (426, "…die [Übung] A" + " filler" * 13 + "…"),
        (427, "…" + "filler " * 6 + "die [ubung] B" + " filler" * 7 + "…"),
    ],
)
def test_a_window_begins_after_the_word_it_cuts(between: int, shown: str) -> None:
    # `ubung` is found first, as written; the window of 3,000 characters before it reaches back to `Übung`, a
    # match too: at its first whole word (the window starts inside a `filler`), then as its first word, then not
    body = FILLER + "die Übung A " + "filler " * between + "die ubung B " + FILLER
    assert snippet("", body, "ubung") == shown


def test_a_window_keeps_a_word_that_ends_before_its_end_and_its_sentences() -> None:
    alpha = FILLER + "alpha one xyz " + "filler " * 425 + "alpha beta " + FILLER  # the window ends after `beta `
    assert snippet("", alpha, "alpha beta") == "…" + "filler " * 7 + "[alpha] [beta]…"
    ubung = FILLER + "die Übung A. Dann " + "filler " * 424 + "die ubung B " + FILLER  # a sentence after `Übung`
    assert snippet("", ubung, "ubung") == "…filler die [Übung] A. Dann" + " filler" * 11 + "…"


def test_the_window_of_a_long_text_counts_its_tokens_from_1_and_goes_on_after_its_end() -> None:
    phrases = query_phrases("delegation")
    whole = _Column("a delegation", phrases)
    assert (whole.offset, whole.first, whole.size, whole.at_start, whole.at_end) == (0, 0, 2, True, True)
    window = _Column(FILLER + "the delegation " + FILLER, phrases)
    # 3,000 characters before the match (39,004), after the word that begins there
    assert (window.offset, window.first, window.at_start, window.at_end) == (39_010, 1, False, False)
    assert window.size == len(window.spans) + 17  # a fragment may run to the window's end, then `…`
    assert _first_match(FILLER, phrases, _pattern(phrases)) == 0  # no match: the start
    assert _first_match("undelegation " + FILLER, phrases, _pattern(phrases)) == 0  # only inside a word: none
    filler = [(("filler",), False)]
    assert _first_match("x" + FILLER, filler, _pattern(filler)) == 8  # the first whole word


def test_a_title_and_a_long_note_tied_on_a_fragment_that_starts_a_sentence_show_the_title() -> None:
    # both fragments hold `ubung` and start a sentence (`Die`), 2100 each; the note's starts its window's second
    # word, which is not the note's start (that would count 120): the first column, the title, is kept, as FTS5
    title = "a b c d e f g h i j k l m n o p. Die ubung"
    body = FILLER + "xx. Die Übung A " + "filler " * 425 + "die ubung B " + FILLER
    assert snippet(title, body, "ubung") == "…Die [ubung]"


def test_a_window_that_begins_inside_the_texts_first_word_leaves_that_word_out() -> None:
    text = "x" + "filler " * 428 + "the delegation " + FILLER  # the match at 3,001: the window begins at 1
    assert _Column(text, query_phrases("delegation")).offset == len("xfiller")


def test_a_letter_matches_its_forms_with_diacritics() -> None:
    assert _letter("b") == "b"
    assert _letter("a").startswith("[aÀÁÂÃÄÅàáâãäå") and "ǎ" in _letter("a")


@pytest.mark.parametrize(
    ("between", "shown"),
    [
        (420, "…filler filler filler filler filler filler filler [alpha] [beta] filler filler filler filler filler…"),
        (423, "…filler filler filler filler filler filler filler [alpha] [beta] filler filler…"),
        (425, "…filler filler filler filler filler filler filler [alpha] [beta]…"),
    ],
)
def test_a_window_ends_before_the_word_it_cuts(between: int, shown: str) -> None:
    # the best fragment (both words) lies at the end of the window around the first `alpha`: it ends there
    body = FILLER + "alpha one " + "filler " * between + "alpha beta " + FILLER
    assert snippet("", body, "alpha beta") == shown


def test_a_long_text_that_matches_only_inside_words_leaves_the_snippet_to_the_title() -> None:
    assert snippet("delegation plan", "undelegation " + FILLER, "delegation") == "[delegation] plan"


def test_only_the_last_word_of_a_prefix_phrase_is_a_prefix() -> None:
    made = make_snippet(["", "designs doc and design doc"], [(("design", "do"), True)], "[", "]")
    assert made == "designs doc and [design doc]"


def test_a_long_text_without_a_match_shows_its_start() -> None:
    assert snippet("", FILLER, "zzz") == "filler " * 15 + "filler…"
    assert snippet("", "Ünïcödé " + FILLER, "zzz") == "Ünïcödé " + "filler " * 14 + "filler…"


def test_a_fragment_scores_1000_for_each_phrase_it_holds_and_1_for_each_repeat() -> None:
    # make_snippet's rule, FTS5's: (score, first matched token, the token after the last match) of the 16 tokens
    # from a start; the snippet is the fragment with the highest score
    phrases = [(("plan",), False), (("review",), False)]
    text = "plan review plan plan. Next: " + COUNT.rsplit(" ", 6)[0] + " plan"
    column = _Column(text, phrases)
    assert column.instances == [(0, 0, 1), (1, 1, 1), (2, 0, 1), (3, 0, 1), (19, 0, 1)]
    scores = {start: column.score(start, 2) for start in (0, 1, 4, 19, 20)}
    assert scores == {0: (2002, 0, 4), 1: (2001, 1, 4), 4: (1000, 19, 20), 19: (1000, 19, 20), 20: (0, -1, 0)}
    assert column.score(0, 2) == (2002, 0, 4)  # asked again


def test_a_sentence_starts_after_a_dot_or_colon_and_white_space() -> None:
    text = "x. b  c"  # first: a mutant that loops forever on the text below is refused here
    spans = [(match.start(), match.end()) for match in TOKEN.finditer(text)]
    assert _sentence_starts(text, spans, 0) == [0, 1]  # `c` follows `b` and two spaces, not a dot
    text = ". x y. z: w"
    spans = [(match.start(), match.end()) for match in TOKEN.finditer(text)]
    assert _sentence_starts(text, spans, 0) == [0, 2, 3]  # the text's first token always
    assert _sentence_starts(text, spans, 1) == [1, 3, 4]  # a window's tokens count from 1; `.` at the text's start


@pytest.mark.parametrize(
    ("token", "folded"),
    [("Delegation", "delegation"), ("ÜBUNG", "ubung"), ("naïve", "naive"), ("Straße", "straße"), ("x1", "x1"),
     ("U\u0308bung", "ubung"), ("Ærø", "ærø")],
)  # fmt: skip
def test_a_token_is_folded_as_the_search_index_folds_it(token: str, folded: str) -> None:
    assert fold(token) == folded


@pytest.mark.parametrize(
    ("query", "phrases"),
    [
        ("delegation", [(("delegation",), False), (("deleg",), True), (("delegation",), True)]),
        ("deleg*", [(("deleg",), True)]),
        ('"design doc"', [(("design", "doc"), False)]),
        ('"design doc"*', [(("design", "doc"), False)]),
        ("review plan", [(("review",), False), (("plan",), False), (("plan",), True)]),
        ("café reviews", [(("cafe",), False), (("reviews",), False), (("review",), True), (("reviews",), True)]),
        ("Übungen", [(("ubungen",), False), (("ubung",), True), (("ubungen",), True)]),
        ("running", [(("running",), False), (("run",), True), (("running",), True)]),
        ("a", [(("a",), False), (("a",), True)]),  # no stem shorter than three letters
        ("is", [(("is",), False), (("is",), True)]),
        ("x - y", [(("x",), False), (("y",), False), (("y",), True)]),
        ('"a b" deleg* review', [(("a", "b"), False), (("deleg",), True), (("review",), False),
                                 (("review",), True)]),
        ('review "a b"', [(("review",), False), (("review",), True), (("a", "b"), False)]),
        ('"X ray"', [(("x", "ray"), False)]),  # the quotes go, the words stay
        ("X*", [(("x",), True)]),
        ('""', []),
    ],
)  # fmt: skip
def test_a_query_gives_the_phrases_the_snippet_marks(query: str, phrases: list[tuple[tuple[str, ...], bool]]) -> None:
    assert query_phrases(query) == phrases


# the hit as `search --json` shows it ------------------------------------------------------------


def test_a_hit_shows_its_snippet_without_marks_and_its_score_rounded() -> None:
    hit = Hit("session", 7, "2026-11-20", "Talk", f"about {MATCH_OPEN}delegation{MATCH_CLOSE} and", 1.234567, "Ada")
    assert hit.plain_snippet() == "about delegation and"
    assert hit.to_json() == {
        "kind": "session",
        "id": 7,
        "date": "2026-11-20",
        "title": "Talk",
        "snippet": "about delegation and",
        "score": 1.2346,
    }
    assert list(hit.to_json()) == ["kind", "id", "date", "title", "snippet", "score"]
    assert Hit("goal", 3, None, "Plan", "plan", 2.0).with_name is None
    assert (hit.kind, hit.id, hit.date, hit.title, hit.score, hit.with_name) == (
        "session", 7, "2026-11-20", "Talk", 1.234567, "Ada"
    )  # fmt: skip
    with pytest.raises(AttributeError, match="frozen"):
        hit.title = "Other"  # type: ignore[misc]
    assert hit.title == "Talk"


def test_the_snippets_here_are_the_ones_fts5_makes() -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')")
    try:
        for title, body, query, shown in SHORT:
            db.execute("DELETE FROM t")
            db.execute("INSERT INTO t VALUES (?, ?)", [title, body])
            made = db.execute("SELECT snippet(t, -1, '[', ']', '…', 16) FROM t WHERE t MATCH ?", [fts_query(query)])
            assert made.fetchone() == (shown,), (title, body, query)
    finally:
        db.close()


# The same against FTS5 for texts made from words and separators that test the tokenizer, the sentences and the
# scoring, from a fixed seed (so the same texts on every run); long ones also put the words after 28,000 to
# 63,000 characters of filler or before as many, where the snippet is made from a window of the text.

WORDS = ["delegation", "delegate", "Delegating", "review", "reviews", "Übung", "Übungen", "ubung", "café", "cafe",
         "design", "doc", "plan", "the", "a", "of", "x1", "über", "Straße", "naïve", "U\u0308bung"]  # fmt: skip
GLUE = [" ", " ", " ", ", ", ". ", ": ", " - ", "\n", ".\n\n", " (", ") ", "_", "'", " #", "…", ".", ":", " \t"]
QUERIES = [*WORDS[:12], '"design doc"', "deleg*", "review plan", "plan review", "the plan", '"the plan" review']


def seeded(count: int, *, long: bool) -> Iterator[tuple[str, str, str]]:
    rng = random.Random(2026)

    def words(most: int) -> str:
        return "".join(rng.choice(WORDS) + rng.choice(GLUE) for _ in range(rng.randrange(most)))

    for _ in range(count):
        query = " ".join(rng.sample(QUERIES, rng.randrange(1, 4)))
        title, body = words(8), words(80)
        if long:
            filler = "filler " * rng.randrange(4000, 9000)
            body = rng.choice(["", filler]) + body + rng.choice(["", filler])
        yield title, body, query


@pytest.mark.parametrize("long", [False, True])
def test_seeded_texts_get_the_snippet_fts5_makes(long: bool) -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')")
    compared = 0
    try:
        for title, body, query in seeded(60 if long else 300, long=long):
            db.execute("DELETE FROM t")
            db.execute("INSERT INTO t VALUES (?, ?)", [title, body])
            made = db.execute("SELECT snippet(t, -1, '[', ']', '…', 16) FROM t WHERE t MATCH ?", [fts_query(query)])
            row = made.fetchone()
            if row is not None:
                assert snippet(title, body, query) == row[0], (title, body, query)
                compared += 1
    finally:
        db.close()
    assert compared == (44 if long else 197)  # the texts that are hits
