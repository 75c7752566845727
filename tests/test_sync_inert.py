"""Text from the sync folder is shown inert (issue #23, fault 10): escape sequences, other control characters and
bidi overrides in a uuid, a header's created_at or a device's name never reach the terminal as they are, in
`sync`'s warnings or in `sync --status`."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from pathlib import Path
from typing import Any

from mentorlog.base.safe import inert_foreign

from .conftest import Run

DEVICE = "00000000000000ee"
ESCAPE = "\x1b]0;owned\x07\x1b[2J\x9b31m"  # a title change, a screen wipe, a C1 CSI
BIDI = "\u202eexe.txt\u2066\u200b"  # right-to-left override, isolate, zero width


def raw(text: str) -> list[str]:
    """Every character in TEXT that a terminal would take as a command or that reorders what it shows."""
    return [char for char in text if char not in "\n" and unicodedata.category(char) in ("Cc", "Cf")]


def change_file(seq: int, changes: list[dict[str, Any]], *, created_at: str, device: str = DEVICE) -> bytes:
    def line(data: dict[str, Any]) -> bytes:
        return (json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n").encode()

    header = {"format": "mentorlog-sync", "version": 1, "device": device, "seq": seq, "created_at": created_at,
              "count": len(changes)}  # fmt: skip
    body = b"".join([line(header), *(line(change) for change in changes)])
    return body + line({"end": len(changes), "sha256": hashlib.sha256(body).hexdigest()})


def goal(uuid: str) -> dict[str, Any]:
    return {"uuid": uuid, "title": "From the other machine", "description": "", "horizon": "short",
            "status": "active", "progress": 10, "target": None, "achieved_at": None, "parent_uuid": None,
            "person_uuid": None, "tags": [], "created_at": "2026-11-20T10:00:00+00:00",
            "updated_at": "2026-11-20T10:00:00+00:00"}  # fmt: skip


def hostile_folder(root: Path) -> Path:
    folder = root / "mentorlog-sync" / DEVICE
    folder.mkdir(parents=True)
    hlc = f"{2**52:016x}-00000000-{DEVICE}"
    # a file whose header's created_at is hostile: refused (not a timestamp), its text quoted in the warning
    (folder / "00000001.jsonl").write_bytes(
        change_file(1, [{"t": "goals", "u": "g-1", "h": hlc, "r": goal("g-1")}], created_at=ESCAPE + BIDI)
    )
    # a change whose uuid is hostile and disagrees with its record: quoted in the warning
    (folder / "00000002.jsonl").write_bytes(
        change_file(
            2, [{"t": "goals", "u": ESCAPE + BIDI, "h": hlc, "r": goal("g-2")}], created_at="2026-11-20T10:00:00+00:00"
        )
    )
    # a header naming another device, hostile
    (folder / "00000003.jsonl").write_bytes(
        change_file(3, [], created_at="2026-11-20T10:00:00+00:00", device=BIDI + ESCAPE)
    )
    return root


def test_sync_warnings_show_the_folders_text_inert(run: Run, tmp_path: Path) -> None:
    shared = hostile_folder(tmp_path / "shared")
    run("goal", "add", "Mine")
    result = run("sync", str(shared))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning: skipped")]
    assert len(warnings) == 3, result.stderr
    assert raw(result.stdout) == [] and raw(result.stderr) == []
    assert "\\x1b]0;owned\\x07" in warnings[0] and "\\u202eexe.txt" in warnings[0]  # the header's created_at
    assert "\\x1b]0;owned\\x07" in warnings[1] and "\\u202eexe.txt" in warnings[2]  # a uuid, a device name
    assert [name in line for name, line in zip(("00000001", "00000002", "00000003"), warnings, strict=True)] == [
        True
    ] * 3


def test_sync_status_shows_the_folders_text_inert(run: Run, tmp_path: Path) -> None:
    shared = hostile_folder(tmp_path / "shared")
    run("goal", "add", "Mine")
    assert run("sync", str(shared)).exit_code == 0
    status = run("sync", "--status", str(shared))
    assert status.exit_code == 0, status.output
    assert raw(status.stdout) == [] and raw(status.stderr) == []
    line = next(line for line in status.stdout.splitlines() if DEVICE in line)
    # the refused files' text never reaches the status: the device is named by its folder, its files counted
    assert line.startswith(f"  {DEVICE}  ") and "3 not applied yet" in line
    as_json = run("sync", "--status", str(shared), "--json")
    assert as_json.exit_code == 0 and raw(as_json.stdout) == []
    devices = json.loads(as_json.stdout)["devices"]
    assert any(device["device"] == DEVICE for device in devices)


def test_inert_foreign_escapes_what_inert_lets_through() -> None:
    assert inert_foreign("a\u202eb\u200bc") == "a\\u202eb\\u200bc"
    assert inert_foreign("\x1b[31m\x9b") == "\\x1b[31m\\x9b"
    assert inert_foreign("Özlem 中 ok") == "Özlem 中 ok"
    assert inert_foreign("x" * 500) == "x" * 199 + "…"
