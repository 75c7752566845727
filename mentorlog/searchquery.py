"""What a person types into `search`, made into a safe FTS5 query. Pure."""

from __future__ import annotations

import re

from mentorlog.errors import UsageError

TERM = re.compile(r'"([^"]*)"|(\S+)')
WORD = re.compile(r"[\w]+\*?|\*")


def fts_query(text: str) -> str:
    """The user's words as a safe FTS5 query: phrases in quotes stay phrases, `word*` is a prefix,
    and everything else (NEAR, AND, parentheses, lone quotes, colons) is matched as plain words."""
    parts: list[str] = []
    if text.count('"') % 2:
        text = text.replace('"', " ")
    for match in TERM.finditer(text):
        phrase, bare = match.groups()
        if phrase is not None:
            words = WORD.findall(phrase.replace("*", " "))
            if words:
                parts.append('"' + " ".join(words) + '"')
            continue
        for word in WORD.findall(bare):
            if word == "*":
                continue
            prefix = word.endswith("*")
            core = word.rstrip("*")
            parts.append(f'"{core}"' + ("*" if prefix else ""))
    if not parts:
        raise UsageError(
            f"nothing to search for in {text!r}", "Give one or more words, e.g. mentorlog search delegation"
        )
    return " ".join(parts)
