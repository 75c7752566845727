"""Full-text search: ranking, prefixes, phrases, diacritics, hostile syntax, filters, and staying in sync."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mentorlog.base.errors import UsageError
from mentorlog.store.search import fts_query

from .conftest import Run


@pytest.mark.parametrize(
    ("text", "query"),
    [
        # since issue 11 a bare word also matches its stems, and the last bare word is a prefix
        ("delegation", '("delegation" OR "deleg"* OR "delegation"*)'),
        ("delegat*", '"delegat"*'),
        ('"design doc" review', '"design doc" AND ("review" OR "review"*)'),
        ("NEAR(a b)", '"NEAR" AND "a" AND ("b" OR "b"*)'),
        ('lone "quote', '("lone" OR "lon"*) AND ("quote" OR "quot"* OR "quote"*)'),
        ("AND", '("AND" OR "AND"*)'),
        ("col:value", '"col" AND ("value" OR "valu"* OR "value"*)'),
        ("Übungen", '("Übungen" OR "ubung"* OR "Übungen"*)'),
        ("window functions", '"window" AND ("functions" OR "function"* OR "functions"*)'),
    ],
)
def test_user_text_becomes_a_safe_fts_query(text: str, query: str) -> None:
    assert fts_query(text) == query


@pytest.mark.parametrize("text", ["", "   ", "***", '""', "()"])
def test_a_query_with_no_words_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError):
        fts_query(text)


@pytest.fixture
def texts(run: Run) -> None:
    for args in (
        ["person", "add", "Anna", "--role", "mentee"],
        ["goal", "add", "Delegation of reviews", "--description", "hand over the code reviews"],
        ["note", "--with", "anna", "--date", "2026-10-01", "--title", "Weekly", "We talked about delegation briefly."],
        ["note", "--date", "2026-11-20", "Übung macht den Meister. Design doc feedback.",
         "--feedback", "Delegate more"],
        ["reflect", "Delegating is hard for me", "--with", "anna"],
        ["topic", "add", "Ask about the design doc", "--with", "anna"],
        ["action", "add", "Write the delegation plan", "--with", "anna"],
    ):  # fmt: skip
        assert run(*args).exit_code == 0


def search(run: Run, *args: str) -> list[dict]:
    result = run("search", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_search_ranks_titles_first_and_returns_the_contract_keys(run: Run, texts: None) -> None:
    hits = search(run, "delegation")
    assert hits[0]["kind"] == "goal" and hits[0]["title"] == "Delegation of reviews"
    # word stems match since issue 11: "delegation" also finds "Delegate more" and "Delegating"
    assert {(h["kind"], h["id"]) for h in hits} == {
        ("goal", 1), ("session", 1), ("action", 1), ("session", 2), ("reflection", 1)
    }  # fmt: skip
    assert set(hits[0]) == {"kind", "id", "date", "title", "snippet", "score"}
    assert hits == sorted(hits, key=lambda h: -h["score"])


def test_prefix_phrase_and_diacritics(run: Run, texts: None) -> None:
    assert {(h["kind"], h["id"]) for h in search(run, "delegat*")} == {
        ("goal", 1), ("session", 1), ("session", 2), ("reflection", 1), ("action", 1),
    }  # fmt: skip
    assert {(h["kind"], h["id"]) for h in search(run, '"design doc"')} == {("session", 2), ("topic", 1)}
    assert [(h["kind"], h["id"]) for h in search(run, "ubung")] == [("session", 2)]
    assert "Übung" in search(run, "ubung")[0]["snippet"]


def test_filters_by_kind_person_and_date(run: Run, texts: None) -> None:
    assert [h["kind"] for h in search(run, "delegat*", "--kind", "reflection")] == ["reflection"]
    assert {h["kind"] for h in search(run, "delegat*", "--with", "anna")} == {"session", "reflection", "action"}
    assert [h["id"] for h in search(run, "delegat*", "--kind", "session", "--since", "2026-11-01")] == [2]
    assert len(search(run, "delegat*", "--limit", "2")) == 2


@pytest.mark.parametrize(
    "query", ['NEAR("a" b', '"', "AND OR NOT", "title:x", "a AND (b", "^start", "-minus", "'; DROP TABLE sessions; --"]
)
def test_hostile_query_syntax_never_crashes(run: Run, texts: None, query: str) -> None:
    result = run("search", query)
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output
    assert len(search(run, "delegation")) == 5  # nothing was harmed


def test_search_follows_edits_deletes_and_imports(run: Run, texts: None, tmp_path: Path) -> None:
    run("edit", "action", "1", "--text", "Write the handover plan")
    assert ("action", 1) not in {(h["kind"], h["id"]) for h in search(run, "delegation")}
    assert [(h["kind"], h["id"]) for h in search(run, "handover")] == [("action", 1)]
    run("delete", "session", "1", "--yes")
    assert ("session", 1) not in {(h["kind"], h["id"]) for h in search(run, "delegation")}
    dump = run("export", "--format", "json", "--all").stdout
    file = tmp_path / "dump.json"
    file.write_text(dump)
    other = ["--db", str(tmp_path / "other.db")]
    run(*other, "import", str(file))
    imported = json.loads(run(*other, "search", "handover", "--json").stdout)
    assert [(h["kind"], h["id"]) for h in imported] == [("action", 1)]


def test_word_forms_are_found(run: Run) -> None:
    run("note", "We looked at window functions in SQL and the Übungen for next week.")
    run("reflect", "Delegating the reviews went well.")
    for query, kind in (("window function", "session"), ("window func", "session"), ("functions", "session"),
                        ("Übung", "session"), ("ubungen", "session"), ("delegation", "reflection")):  # fmt: skip
        assert [h["kind"] for h in search(run, query)] == [kind], query
    assert search(run, '"window function"') == []  # a phrase in quotes is exactly that phrase
    assert len(search(run, '"window functions"')) == 1


def test_an_empty_result_suggests_the_prefix_form(run: Run) -> None:
    run("note", "Talked about estimating work.")
    result = run("search", "estimatorial")
    assert "Nothing found for 'estimatorial'" in result.stdout and "mentorlog search 'estima*'" in result.stdout
    assert len(search(run, "estima*")) == 1


def test_search_output_and_empty_results(run: Run, texts: None) -> None:
    table = run("search", "delegation", env={"COLUMNS": "120"}).stdout
    assert "Delegation of reviews" in table and "goal" in table
    nothing = run("search", "zebra")
    assert nothing.exit_code == 0 and "Nothing found for 'zebra'" in nothing.stdout
    bad = run("search", "x", "--kind", "email")
    assert bad.exit_code == 2 and "--kind must be one of" in bad.stderr


def test_a_common_word_ranks_its_newest_matches_goals_first_and_says_so(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mentorlog.store.search as store_search

    monkeypatch.setattr(store_search, "RANKED", 3)
    assert run("person", "add", "Anna", "--role", "mentee").exit_code == 0
    assert run("goal", "add", "Delegation").exit_code == 0  # a goal is always among the ranked
    # the oldest note mentions delegation most (the best bm25 score) but is not among the newest three
    notes = [("2020-01-01", "delegation delegation delegation delegation")]
    notes += [(f"2026-0{month}-01", f"note {month} about delegation and much else") for month in range(1, 6)]
    for day, text in notes:
        assert run("note", "--with", "anna", "--date", day, text).exit_code == 0
    hits = search(run, "delegation", "--limit", "3")  # the goal and the two newest notes are the newest three
    assert sorted(hit["date"] for hit in hits if hit["kind"] == "session") == ["2026-04-01", "2026-05-01"]
    assert [hit["kind"] for hit in hits].count("goal") == 1
    assert hits[0]["ranked_of"] == {"newest": 3, "matches": 7}
    assert (
        run("search", "delegation", "--limit", "3")
        .stdout.rstrip()
        .endswith("Ranked the newest 3 of 7 matches, goals, skills and people first.")
    )
    everything = search(run, "delegation")  # no limit: every match ranked, as before
    assert len(everything) == 7 and "ranked_of" not in everything[0]
    assert "2020-01-01" in [hit["date"] for hit in everything[:2]]
    rare = search(run, "anna", "--limit", "3")  # no more than RANKED match: ranked as before, nothing said
    assert rare and all("ranked_of" not in hit for hit in rare)
