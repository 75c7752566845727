"""A search hit's snippet, made here instead of by FTS5's `snippet()`. Pure.

FTS5's `snippet()` scores a fragment for every match of the query, and scores each by looking at every match
again: a note that repeats the searched word n times costs n² (a 200 KB note took 29 s, a 1 MB one minutes).
This makes the same snippet — FTS5's algorithm, its tokens (unicode61, diacritics removed) and its choices — from
a bounded part of the text: all of a text up to WHOLE characters, else a window around the first match. So a
10 MB note costs one regular-expression search, and a short one the same snippet as before.

A query's phrases (core.searchquery.query_phrases) are folded token tuples; the last token of a prefix phrase
matches any token it starts.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from functools import cache

# unicode61: letters and digits; everything else separates, but for the combining diacritics that remove_diacritics
# takes off (a decomposed `U\u0308bung` is the one token `ubung`; a mark after a separator makes no token)
TOKEN = re.compile(
    r"[^\W_](?:[^\W_]|[\u0300-\u0304\u0306-\u030c\u030f\u0311\u031b\u0323-\u0328\u032d\u032e\u0330\u0331])*"
)
WHOLE = 30_000  # texts up to this many characters are read whole (as snippet() reads them)
WINDOW = 3_000  # else this many characters either side of the first match
TOKENS = 16  # the fragment's length in tokens, as mentorlog asked snippet() for
ELLIPSIS = "…"

Phrase = tuple[tuple[str, ...], bool]  # folded tokens, and whether the last one is a prefix


@cache
def fold(token: str) -> str:
    """A token as unicode61 with remove_diacritics 2 indexes it: lower case, without diacritics."""
    if token.isascii():
        return token.lower()
    decomposed = unicodedata.normalize("NFD", token.lower())
    return unicodedata.normalize("NFC", "".join(char for char in decomposed if not unicodedata.combining(char)))


@cache
def _variants() -> dict[str, str]:
    """Per base letter, every Latin letter with a diacritic that folds to it (for the first-match search)."""
    found: dict[str, list[str]] = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = fold(char)
        if len(base) == 1 and base != char.lower():
            found.setdefault(base, []).append(char)
    return {base: "".join(chars) for base, chars in found.items()}


def _letter(char: str) -> str:
    others = _variants().get(char, "")
    return f"[{re.escape(char)}{re.escape(others)}]" if others else re.escape(char)


def _pattern(phrases: Sequence[Phrase]) -> re.Pattern[str]:
    """A regular expression for any phrase at a token boundary (case and diacritics ignored); made once per query."""
    return _compiled(tuple(phrases))


@cache
def _compiled(phrases: tuple[Phrase, ...]) -> re.Pattern[str]:
    marks = "[\u0300-\u036f]*"
    alternatives = []
    for tokens, prefix in phrases:
        words = ["".join(_letter(char) + marks for char in token) for token in tokens]
        ending = r"[^\W_]*" if prefix else r"(?![^\W_])"
        alternatives.append(r"(?<![^\W_])" + r"[\W_]+".join(words) + ending)
    return re.compile("|".join(alternatives) or r"(?!)", re.IGNORECASE)


MARKS = re.compile("[\u0300-\u036f]+")


def _first_match(text: str, phrases: Sequence[Phrase], pattern: re.Pattern[str]) -> int:
    """Where a match in a long TEXT starts, the first one as a rule (0 when there is none), at C speed whatever
    its length: each phrase's first token is found as plain text in the lower-cased text (or, only when that
    finds none, in the text with its diacritics taken off), and PATTERN is searched from just before the
    first such find. Folding may shift positions by as many characters as it added or removed; the search
    starts that much earlier."""
    lowered = text.lower()
    finds = [found for tokens, _prefix in phrases if (found := lowered.find(tokens[0])) >= 0]
    plain = lowered
    if (not finds or len(lowered) != len(text)) and not lowered.isascii():  # only a form with diacritics, perhaps
        plain = MARKS.sub("", unicodedata.normalize("NFD", lowered))
        finds = [found for tokens, _prefix in phrases if (found := plain.find(tokens[0])) >= 0]
    if not finds:
        return 0
    drift = abs(len(plain) - len(text))
    match = pattern.search(text, max(0, min(finds) - drift - 1))
    return match.start() if match else 0


def _sentence_starts(text: str, spans: Sequence[tuple[int, int]], first: int) -> list[int]:
    """Token numbers that begin a sentence (after `.` or `:` and white space), as FTS5's snippet finds them."""
    starts = []
    for number, (start, _end) in enumerate(spans):
        if first + number == 0:
            starts.append(0)
            continue
        back = start - 1
        while back >= 0 and text[back] in " \t\n\r":
            back -= 1
        if back != start - 1 and back >= 0 and text[back] in ".:":
            starts.append(first + number)
    return starts


class _Column:
    """One column's text, or the window of it that is read: its tokens and where each phrase matches."""

    def __init__(self, text: str, phrases: Sequence[Phrase]) -> None:
        self.text = text
        self.offset = 0  # where the window starts in the text
        if len(text) > WHOLE:
            middle = _first_match(text, phrases, _pattern(phrases))
            self.offset = max(0, middle - WINDOW)
            if self.offset:  # begin at a token boundary: the token cut by the window is left out
                cut = TOKEN.match(text, self.offset)
                self.offset = cut.end() if cut and cut.start() == self.offset and self.offset > 0 else self.offset
            stop = min(len(text), middle + WINDOW)
            window = text[self.offset : stop]
            self.spans = [(m.start() + self.offset, m.end() + self.offset) for m in TOKEN.finditer(window)]
            if stop < len(text) and self.spans and self.spans[-1][1] == stop:
                self.spans.pop()  # a token cut by the window's end
            self.at_start = self.offset == 0
            self.at_end = stop >= len(text)
        else:
            self.spans = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
            self.at_start = self.at_end = True
        self.first = 0 if self.at_start else 1  # a window not at the start: its tokens count from 1
        folded = [fold(text[start:end]) for start, end in self.spans]
        self.instances: list[tuple[int, int, int]] = []  # (token number, phrase, its length in tokens)
        for number in range(len(folded)):
            for phrase_number, (tokens, prefix) in enumerate(phrases):
                if _matches(folded, number, tokens, prefix):
                    self.instances.append((number, phrase_number, len(tokens)))
        self.size = len(self.spans) + (0 if self.at_end else TOKENS + 1)  # a window's text goes on after it
        self.scores: dict[int, tuple[int, int, int]] = {}

    def score(self, start: int, phrases: int) -> tuple[int, int, int]:
        """FTS5's score of the fragment of TOKENS tokens from START, and its first and last matched tokens."""
        known = self.scores.get(start)
        if known is None:
            known = self.scores[start] = self._score(start, phrases)
        return known

    def _score(self, start: int, phrases: int) -> tuple[int, int, int]:
        seen = [False] * phrases
        total, first, last = 0, -1, 0
        at = bisect_left(self.instances, (start, -1, 0))
        for number, phrase, length in self.instances[at:]:
            if number >= start + TOKENS:
                break
            total += 1 if seen[phrase] else 1000
            seen[phrase] = True
            if first < 0:
                first = number
            last = number + length
        return total, first, last


def _matches(folded: Sequence[str], at: int, tokens: tuple[str, ...], prefix: bool) -> bool:
    if at + len(tokens) > len(folded):
        return False
    for index, token in enumerate(tokens):
        word = folded[at + index]
        last = index == len(tokens) - 1
        if not (word.startswith(token) if last and prefix else word == token):
            return False
    return True


def make_snippet(texts: Sequence[str], phrases: Sequence[Phrase], open_mark: str, close_mark: str) -> str:
    """The snippet of a hit whose columns hold TEXTS (title, then body): the best fragment of TOKENS tokens
    (each phrase's first match in it counts 1000, a repeat 1, a fragment that starts a sentence 100 more), its
    matches between OPEN_MARK and CLOSE_MARK, `…` where it is cut — as FTS5's snippet() makes it."""
    best: tuple[int, int, int] | None = None  # (score, column, first token)
    columns = [_Column(text, phrases) for text in texts]
    for column_number, column in enumerate(columns):
        starts = _sentence_starts(column.text, column.spans, column.first) if column.size > TOKENS else []
        for number, _phrase, _length in column.instances:
            score, first, last = column.score(number, len(phrases))
            adjusted = first - (TOKENS - (last - first)) // 2
            if adjusted + TOKENS > column.size:
                adjusted = column.size - TOKENS
            adjusted = max(adjusted, 0)
            if best is None or score > best[0]:
                best = (score, column_number, adjusted)
            if starts:
                position = bisect_left(starts, number + column.first + 1) - 1
                sentence = starts[position] - column.first if position >= 0 else -1
                if 0 <= sentence < number:
                    bonus = 120 if sentence + column.first == 0 else 100
                    score = column.score(sentence, len(phrases))[0] + bonus
                    if score > best[0]:
                        best = (score, column_number, sentence)
    if best is None:
        column_number = next((n for n, column in enumerate(columns) if column.spans), 0)
        best = (0, column_number, 0)
    return _fragment(columns[best[1]], best[2], open_mark, close_mark)


def _fragment(column: _Column, start: int, open_mark: str, close_mark: str) -> str:
    """The fragment of TOKENS tokens from START with its matches marked (overlapping matches as one)."""
    spans = column.spans
    if not spans:
        return column.text[:200]
    end = min(start + TOKENS, len(spans)) - 1
    ranges: list[list[int]] = []  # coalesced matches: [first token, last token]
    for number, _phrase, length in column.instances:
        if ranges and number <= ranges[-1][1]:
            ranges[-1][1] = max(ranges[-1][1], number + length - 1)
        else:
            ranges.append([number, number + length - 1])
    opening = {first: last for first, last in ranges if start <= first <= end}  # FTS5 skips one begun before
    pieces = [ELLIPSIS] if start + column.first > 0 else []
    position = spans[start][0] if pieces or not column.at_start else 0
    closing = -1
    for number in range(start, end + 1):
        token_start, token_end = spans[number]
        if number in opening:
            pieces += [column.text[position:token_start], open_mark]
            position, closing = token_start, opening[number]
        if number == closing:
            pieces += [column.text[position:token_end], close_mark]
            position, closing = token_end, -1
    pieces.append(column.text[position : spans[end][1]])
    if closing >= 0:
        pieces.append(close_mark)
    pieces.append(column.text[spans[end][1] :] if end == len(spans) - 1 and column.at_end else ELLIPSIS)
    return "".join(pieces)
