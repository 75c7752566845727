"""Make user text inert for a terminal: control characters and escape sequences become visible."""

from __future__ import annotations

import re

# The patterns are compiled where they are first used (`re` keeps them): most commands never need one, and the
# three cost ~0.6 ms to compile at every start.
# C0 controls except tab and newline, DEL, and the C1 range (0x9b alone is a CSI on some terminals).
CONTROL = r"[\x00-\x08\x0b-\x1f\x7f-\x9f]"
# What JSON escapes besides: bidi overrides and isolates, zero-width characters, line and paragraph separators
# (lossless: a JSON reader gets the same text back; a terminal shows `\u202e`, not reordered text).
JSON_ESCAPED = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]"


def _visible(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group(0)):02x}"


def inert(text: str) -> str:
    """TEXT with every control character shown as `\\xNN`, so nothing reaches the terminal as a command."""
    if text.isprintable():  # no control character at all (the common case, checked without a regex)
        return text
    return re.sub(CONTROL, _visible, text)


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def inert_foreign(text: str, width: int = 200) -> str:
    """Text from outside the journal (a sync folder's uuids, stamps, device names, reasons quoting them): every
    character that is not printable is shown as `\\xNN`/`\\uNNNN` — controls and escape sequences as in `inert`,
    and also bidi overrides and zero-width characters, which no such text has a reason to hold — on one line,
    cut to WIDTH characters."""
    if len(text) > width:
        text = text[: width - 1] + "…"
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escaped(char) for char in text)


def json_text(data: object, *, indent: int | None = None) -> str:
    """DATA as JSON (UTF-8, not ASCII-escaped) with every control character escaped, C1 and DEL included, and
    bidi overrides and zero-width characters too."""
    import json

    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return re.sub(JSON_ESCAPED, lambda match: f"\\u{ord(match.group(0)):04x}", text)


def one_line(text: str, width: int | None = None) -> str:
    """The text on one line (newlines folded), shortened with an ellipsis to WIDTH characters."""
    flat = " ".join(inert(text).split())
    if width is not None and len(flat) > width:
        return flat[: max(width - 1, 0)].rstrip() + "…"
    return flat


# Glyphs the views draw, and what they become on a terminal or file that cannot encode them (cp1252, ASCII).
ASCII_GLYPHS = {
    "█": "#", "░": ".", "▁": "_", "▂": "_", "▃": "-", "▄": "-", "▅": "=", "▆": "=", "▇": "#",
    "●": "o", "▲": "^", "★": "*", "✓": "v", "✎": "~", "◆": "+", "■": "X", "→": "->", "·": "-", "—": "-", "–": "-",
    "…": "...", "└": "`-", "“": '"', "”": '"', "‘": "'", "’": "'", "☐": "[ ]", "⚠": "!", "≥": ">=", "≤": "<=",
    "±": "+-",
}  # fmt: skip


def ascii_fallback(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler: known glyphs become their ASCII look-alikes, anything else `?`."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(ASCII_GLYPHS.get(char, "?") for char in text), error.end


LONG_WORD = r"\S{80,}"


def shorten_words(text: str, longest: int = 80) -> str:
    """Words longer than LONGEST characters cut to LONGEST with an ellipsis (a 10 MB token stays one line)."""
    if len(text) < longest:
        return text
    return re.sub(LONG_WORD, lambda match: match.group(0)[: longest - 1] + "…", text)


def capped(text: str, limit: int = 20_000) -> tuple[str, int]:
    """TEXT cut to LIMIT characters for a view (JSON keeps all of it), and how many were left out."""
    return text[:limit], max(len(text) - limit, 0)  # (a slice of the whole text is the text itself, not a copy)
