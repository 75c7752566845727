"""Jinja's compiled templates kept between runs, through Jinja's public `BytecodeCache`: the second export
loads the review template's code instead of compiling its source again (compiling costs more than rendering).

Jinja's own `FileSystemBytecodeCache` neither syncs its files nor knows the journal; this cache hands every file
to the writer it is given (the CLI's: private, whole or not at all, never onto the journal's own files).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from mentorlog.base.errors import MentorlogError


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates as files in FOLDER, written by WRITE(path, data). SALT names whatever else the compiled
    code depends on besides the source (Jinja's version, the environment's options): when it changes, every file
    is stale and compiled again, as when the template's source changes."""

    def __init__(self, folder: Path, write: Callable[[Path, bytes], object], *, salt: str) -> None:
        self.folder = folder
        self.write = write
        self.salt = salt

    def path(self, bucket: Bucket) -> Path:
        return self.folder / f"{bucket.key}.jinja"

    def get_source_checksum(self, source: str) -> str:
        return hashlib.sha1(f"{self.salt}\0{source}".encode(), usedforsecurity=False).hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            data = self.path(bucket).read_bytes()
        except OSError:
            return  # not cached yet (or unreadable): Jinja compiles the source
        try:
            bucket.bytecode_from_string(data)  # Jinja checks its magic and the checksum, and resets on a mismatch
        except Exception:  # a damaged file: compiled again and written over
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.write(self.path(bucket), bucket.bytecode_to_string())
        except (OSError, MentorlogError):
            pass  # a cache that cannot be written costs the next export a compile, never this export
