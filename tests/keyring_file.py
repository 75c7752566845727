"""A keyring backend for tests and benchmarks on a machine without an OS keyring: a JSON file.

Selected through keyring's documented environment variable, never by mentorlog itself:
    PYTHON_KEYRING_BACKEND=tests.keyring_file.FileKeyring  TEST_KEYRING_FILE=/tmp/x/keyring.json
(with this tree on PYTHONPATH). Nothing leaves the machine; the file is written 0600.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.compat import properties

VARIABLE = "TEST_KEYRING_FILE"
SELECT = "tests.keyring_file.FileKeyring"


class FileKeyring(KeyringBackend):
    @properties.classproperty
    def priority(cls) -> float:
        return 1

    def _file(self) -> Path:
        return Path(os.environ[VARIABLE])

    def _load(self) -> dict[str, str]:
        try:
            return dict(json.loads(self._file().read_text(encoding="utf-8")))
        except FileNotFoundError:
            return {}

    def _save(self, data: dict[str, str]) -> None:
        path = self._file()
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\n{username}"] = password
        self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        data.pop(f"{service}\n{username}", None)
        self._save(data)
