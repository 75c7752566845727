"""Encryption costs a plain journal nothing, and an encrypted one without the extra says what to install.

These run without the `encryption` extra.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .processes import mentorlog, tree_env


def test_without_the_extra_an_encrypted_journal_is_exit_1_with_the_install_command(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    path.write_bytes(os.urandom(8192))
    code = "import sys; sys.modules['sqlcipher3'] = None; from mentorlog.cli import main; main()"
    done = subprocess.run([sys.executable, "-c", code, "actions"], env=tree_env(path), capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"Error: {path} is an encrypted journal (or not a journal at all), and SQLCipher is not installed",
        "Install the encryption extra: pip install 'mentorlog[encryption]'",
    ]


def test_a_plain_journal_never_loads_sqlcipher_or_keyring(tmp_path: Path) -> None:
    env = tree_env(tmp_path / "journal.db")
    assert mentorlog(env, "action", "add", "plain").returncode == 0
    code = (
        "import sys; from mentorlog.cli import main\ntry:\n main()\nexcept SystemExit:\n pass\n"
        "print(sorted(m for m in sys.modules\n"
        " if m.startswith(('sqlcipher3', 'keyring', 'mentorlog.store.crypto.cipher'))))"
    )
    for command in (["actions"], ["note", "x"], ["backup"], ["export"]):
        done = subprocess.run([sys.executable, "-c", code, *command], env=env, capture_output=True, text=True)
        assert done.stdout.splitlines()[-1] == "[]", (command, done.stderr)


def test_the_encryption_benchmark_page_is_rendered_from_its_raw_pairs() -> None:
    import importlib.util
    import json
    import statistics

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "benchmarks"))
    try:
        spec = importlib.util.spec_from_file_location("encryption_benchmark", root / "benchmarks" / "encryption.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(root / "benchmarks"))
    data = json.loads((root / "docs" / "benchmarks-encryption.json").read_text())
    assert (root / "docs" / "benchmarks-encryption.md").read_text() == module.render(data)
    for series in data["series"]:
        pairs = series["pairs"]
        assert all(p["second"]["seq"] == p["first"]["seq"] + 1 for p in pairs)  # strict turns
        ratios = [p["second"]["seconds"] / p["first"]["seconds"] for p in pairs]
        assert series["median_ratio"] == statistics.median(ratios)
