"""The export formats: one entry per `--format` word, with the module that writes it, its file extension and
what of the journal it takes. A new format is one module with `write(review, request)` and one entry here;
`mentorlog export` (cli/data.py) reads nothing else.

Privacy is the same for every format, and it is settled before a writer runs: the Review holds a private
session only with --include-private (and never a private session's notes in a meeting), and every writer
makes user text inert; a writer adds what its medium needs (csv neutralises formulas)."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from mentorlog.core.reports import Review


class Request(NamedTuple):
    """What an export was asked for besides the Review: the moment it is made, csv's `--what`, and where a format
    may keep what it compiles (html's template) with the writer that writes such a file safely."""

    stamp: str  # ISO timestamp of the export (the JSON's exported_at, the calendar's DTSTAMP)
    what: str = "sessions"
    cache_folder: Path | None = None
    write_cache_file: Callable[[Path, bytes], object] | None = None


class Format(NamedTuple):
    word: str  # --format WORD
    module: str  # mentorlog/export/MODULE.py, with write(review, request) -> str | bytes
    extension: str  # of a file in this format
    every_action: bool = False  # the Review lists every action item of the period (a review lists the first few)
    every_open_action: bool = False  # ... and every open one, whenever due (a calendar)
    whole_journal: bool = False  # `--all` writes the whole journal in this format: the lossless dump
    checks_request: bool = False  # its module's check(request) refuses a bad option before the journal is read

    def check(self, request: Request) -> None:
        if self.checks_request:
            import_module(f"mentorlog.export.{self.module}").check(request)

    def write(self, review: Review, request: Request) -> str | bytes:
        written: str | bytes = import_module(f"mentorlog.export.{self.module}").write(review, request)
        return written


FORMATS = (
    Format("md", "markdown", ".md"),
    Format("html", "html", ".html"),
    Format("json", "jsonio", ".json", every_action=True, whole_journal=True),
    Format("csv", "csvfile", ".csv", every_action=True, checks_request=True),
    Format("ics", "ics", ".ics", every_open_action=True),
)
BY_WORD = {format_.word: format_ for format_ in FORMATS}
WORDS = tuple(BY_WORD)


def find(word: str) -> Format | None:
    """The format a --format WORD names (any case, spaces around ignored)."""
    return BY_WORD.get(word.strip().lower())
