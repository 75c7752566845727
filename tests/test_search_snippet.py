"""Search snippets made from a bounded part of the text (issue #23, fault 14): the same snippet FTS5's snippet()
made, for any text it can still make one for quickly, and a right one from a window for a 10 MB note. The speed
itself is measured in benchmarks/search_long_note.py (docs/benchmarks-search.md)."""

from __future__ import annotations

import json
import sqlite3

from hypothesis import example, given, settings
from hypothesis import strategies as st

from mentorlog.core.searchquery import fts_query, query_phrases
from mentorlog.core.snippet import make_snippet

from .conftest import Run

WORDS = ["delegation", "delegate", "Delegating", "review", "reviews", "Übung", "Übungen", "ubung", "café", "cafe",
         "design", "doc", "plan", "the", "a", "of", "x1", "über", "Straße", "naïve", "U\u0308bung"]  # fmt: skip
GLUE = [" ", " ", " ", ", ", ". ", ": ", " - ", "\n", ".\n\n", " (", ") ", "_", "'", " #", "…"]


def fts5_snippet(title: str, body: str, query: str) -> str | None:
    """What FTS5's snippet() gives for one row, with the search index's tokenizer and mentorlog's arguments."""
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE VIRTUAL TABLE t USING fts5(kind UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')"
    )
    db.execute("INSERT INTO t VALUES ('session', ?, ?)", [title, body])
    row = db.execute("SELECT snippet(t, -1, '[', ']', '…', 16) FROM t WHERE t MATCH ?", [fts_query(query)]).fetchone()
    db.close()
    return None if row is None else str(row[0])


texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GLUE)), max_size=60).map(
    lambda pairs: "".join(word + glue for word, glue in pairs)
)
queries = st.lists(st.sampled_from([*WORDS[:12], '"design doc"', "deleg*", "review plan"]), min_size=1, max_size=3)


@settings(max_examples=300, deadline=None)
@given(title=texts, body=texts, words=queries)
@example(title="", body="We talked. About delegation: and the review of the design doc.", words=["delegation"])
@example(title="Delegation of reviews", body="hand over the code reviews", words=["review"])
@example(title="", body=" ".join(["delegation"] * 40), words=["delegation"])
def test_the_snippet_is_the_one_fts5_made(title: str, body: str, words: list[str]) -> None:
    query = " ".join(words)
    expected = fts5_snippet(title, body, query)
    if expected is None:
        return  # no hit: no snippet to make
    assert make_snippet([title, body], query_phrases(query), "[", "]") == expected


def test_a_ten_megabyte_note_gets_a_snippet_from_a_window_around_its_first_match() -> None:
    body = "Intro words here. " + "filler " * 200_000 + "Then we had the delegation talk, " + "delegation " * 800_000
    assert len(body) > 10_000_000
    assert make_snippet(["Long session", body], query_phrases("talk"), "[", "]") == (
        "…filler filler Then we had the delegation [talk], delegation delegation delegation delegation delegation "
        "delegation delegation delegation…"
    )
    assert make_snippet(["Long session", body], query_phrases("intro"), "[", "]") == (
        "[Intro] words here. filler filler filler filler filler filler filler filler filler filler filler filler "
        "filler…"
    )
    ending = "x " * 5_000_000 + "the last Übung."  # the only match, with a diacritic the query lacks, at the end
    assert make_snippet(["", ending], query_phrases("ubung"), "[", "]") == (
        "…x x x x x x x x x x x x x the last [Übung]."
    )


def test_search_shows_the_snippet_of_a_long_note_that_repeats_the_word(run: Run) -> None:
    text = "Kickoff with the team. " + "We spoke about delegation again. " * 30_000  # ~1 MB, 30,000 matches
    assert run("note", "--title", "Marathon", input=text).exit_code == 0
    assert run("note", "A short one about delegation.").exit_code == 0
    hits = json.loads(run("search", "delegation", "--json").stdout)
    assert {hit["title"] for hit in hits} == {"Marathon", "A short one about delegation."}
    long_hit = next(hit for hit in hits if hit["title"] == "Marathon")
    assert long_hit["snippet"] == (
        "…We spoke about delegation again. We spoke about delegation again. We spoke about delegation again. We…"
    )
    shown = run("search", "delegation")
    assert shown.exit_code == 0 and "Marathon" in shown.stdout


def test_search_shows_the_match_in_a_note_written_with_decomposed_umlauts(run: Run) -> None:
    # `U` + COMBINING DIAERESIS, as some editors and macOS file names write `Ü`: FTS5 finds the note, and the snippet
    # shows the words around the match (it showed the start of the note, without the word)
    words = " ".join(f"word{number}" for number in range(30))
    assert run("note", "--title", "Practice", input=f"{words} die U\u0308bung heute {words}").exit_code == 0
    hits = json.loads(run("search", "übung", "--json").stdout)
    assert [hit["snippet"] for hit in hits] == [
        "…word24 word25 word26 word27 word28 word29 die U\u0308bung heute word0 word1 word2 word3 word4 word5 word6…"
    ]


def test_the_search_benchmark_page_is_rendered_from_its_runs_and_meets_the_target() -> None:
    import importlib.util
    import statistics
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("search_benchmark", root / "benchmarks" / "search_long_note.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    data = json.loads((root / "docs" / "benchmarks-search.json").read_text())
    assert (root / "docs" / "benchmarks-search.md").read_text() == module.render(data)
    ten = next(result for result in data["results"] if result["bytes"] == 10_000_000)
    assert statistics.median(ten["wall"]) < 1.0
