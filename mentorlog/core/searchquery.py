"""What a person types into `search`, made into a safe FTS5 query that finds what they mean. Pure.

- `"a phrase"` in quotes is that phrase; `word*` is a prefix; anything else (NEAR, AND, parentheses, lone
  quotes, colons) is matched as plain words, never as query syntax.
- A bare word also finds its other forms: its English and German word stems (Snowball) are searched as
  prefixes, so `functions` finds `function` and `delegation` finds `delegate`; `Übungen` finds `Übung`.
- The last bare word is a prefix too, so `window func` already finds `window functions`.
"""

from __future__ import annotations

import contextlib
import importlib.util
import re
import sys
from collections.abc import Callable, Iterator
from functools import cache

from mentorlog.base.errors import UsageError
from mentorlog.base.i18n import _

TERM = re.compile(r'"([^"]*)"|(\S+)')
WORD = re.compile(r"[\w]+\*?|\*")
SHORTEST_STEM = 3  # shorter stems would match too much (`is*`)


@cache
def _stemmers() -> tuple[Callable[[str], str], ...]:
    with _bare_package("snowballstemmer"):
        from snowballstemmer.english_stemmer import EnglishStemmer
        from snowballstemmer.german_stemmer import GermanStemmer

    stemmers = (EnglishStemmer(), GermanStemmer())  # type: ignore[no-untyped-call]
    return tuple(stemmer.stemWord for stemmer in stemmers)


@contextlib.contextmanager
def _bare_package(name: str) -> Iterator[None]:
    """Import submodules of package NAME without running its __init__ (snowballstemmer's imports all of its
    thirty languages, 10-20 ms of every search, for the two we use). A package already imported is used as is."""
    if name in sys.modules:
        yield
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.submodule_search_locations is None:
        yield  # not a package here: the import itself says what is wrong
        return
    sys.modules[name] = importlib.util.module_from_spec(spec)  # the package, its __init__ not run
    try:
        yield
    finally:
        del sys.modules[name]  # the submodules stay; a later `import NAME` runs the real __init__


def word_forms(word: str, *, last: bool) -> str:
    """One bare word as an FTS5 group: the word, its stems as prefixes, and itself as a prefix when LAST."""
    lowered = word.casefold()
    terms = [f'"{word}"']
    for stem in dict.fromkeys(stem(lowered) for stem in _stemmers()):
        if stem != lowered and len(stem) >= SHORTEST_STEM:
            terms.append(f'"{stem}"*')
    if last:
        terms.append(f'"{word}"*')
    return terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")"


def terms(text: str) -> list[tuple[str, str]]:
    """The user's text as terms: (`phrase`, `"a b"`), (`prefix`, `"deleg"*`) or (`word`, `delegation`).

    Quotes make phrases, a trailing * a prefix; every other character is a word separator, never syntax."""
    found: list[tuple[str, str]] = []
    if text.count('"') % 2:
        text = text.replace('"', " ")
    for match in TERM.finditer(text):
        phrase, bare = match.groups()
        if phrase is not None:
            words = WORD.findall(phrase.replace("*", " "))
            if words:
                found.append(("phrase", '"' + " ".join(words) + '"'))
            continue
        for word in WORD.findall(bare):
            if word == "*":
                continue
            if word.endswith("*"):
                found.append(("prefix", f'"{word.rstrip("*")}"*'))
            else:
                found.append(("word", word))
    return found


def fts_query(text: str) -> str:
    """The user's words as a safe FTS5 query (see the module's doc for what each form means)."""
    parts = terms(text)
    if not parts:
        raise UsageError(
            _("nothing to search for in {text!r}").format(text=text),
            _("Give one or more words, e.g. mentorlog search delegation"),
        )
    last_word = max((index for index, (kind, _) in enumerate(parts) if kind == "word"), default=-1)
    return " AND ".join(  # explicit: FTS5 allows no implicit AND next to a parenthesised group
        word_forms(value, last=index == last_word) if kind == "word" else value
        for index, (kind, value) in enumerate(parts)
    )


def prefix_hint(text: str) -> str | None:
    """For an empty result: the same search with every bare word as a prefix (`delegat*`), if that differs."""
    words = [word for word in text.split() if word.isalnum()]
    if not words or any(not word.isalnum() for word in text.split()):
        return None
    return " ".join(f"{word[: max(len(word) // 2, 4)]}*" for word in words)


def query_phrases(text: str) -> list[tuple[tuple[str, ...], bool]]:
    """The phrases of fts_query(TEXT), in its order, as the search index's tokens (folded), each with whether
    its last token is a prefix: what core.snippet needs to find and mark the matches itself."""
    from mentorlog.core.snippet import TOKEN, fold

    def phrase(value: str, prefix: bool) -> tuple[tuple[str, ...], bool]:
        return tuple(fold(token) for token in TOKEN.findall(value)), prefix

    parts = terms(text)
    last_word = max((index for index, (kind, _) in enumerate(parts) if kind == "word"), default=-1)
    found: list[tuple[tuple[str, ...], bool]] = []
    for index, (kind, value) in enumerate(parts):
        if kind == "word":
            lowered = value.casefold()
            found.append(phrase(value, False))
            for stem in dict.fromkeys(stem(lowered) for stem in _stemmers()):
                if stem != lowered and len(stem) >= SHORTEST_STEM:
                    found.append(phrase(stem, True))
            if index == last_word:
                found.append(phrase(value, True))
        else:
            found.append(phrase(value.strip('"*'), kind == "prefix"))
    return [(tokens, prefix) for tokens, prefix in found if tokens]
