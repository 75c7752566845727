"""What encryption at rest costs a listing: `actions` on an encrypted journal against the same on a plain one.

    python benchmarks/encryption.py                     # scale 1, 9 pairs per series -> docs/benchmarks-encryption.md
    python benchmarks/encryption.py --scale 0.05 --pairs 3 --output /tmp/e.md   # a quick check

One journal is generated (benchmarks/generate.py), copied, and the copy encrypted with `mentorlog encrypt
--keyring`. Each series runs the plain and the encrypted `actions` in strict turns (plain, encrypted, plain,
encrypted, ...; each a fresh process through spawn.py), after untimed warm-up runs; the figure is the median
of the per-pair ratios (encrypted time / the plain time just before it) with their min-max. The series differ
only in where the key comes from:

- the keyring: the raw key (no key derivation) from a file-based test keyring (tests/keyring_file.py, selected
  with keyring's PYTHON_KEYRING_BACKEND; this machine has no OS keyring);
- a raw key in MENTORLOG_PASSPHRASE, and from `passphrase_command` (`cat` of a file holding it);
- the passphrase in MENTORLOG_PASSPHRASE: SQLCipher's PBKDF2-HMAC-SHA512 with 256,000 iterations, every command.

The Markdown section is rendered from the raw pairs, which go into a JSON file beside it.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import Command, paired, write_report

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PASSPHRASE = "benchmark passphrase, not a secret"
TARGET = 1.3
SERIES = (
    ("keyring", "the keyring (raw key, test file backend)"),
    ("raw-env", "a raw key in MENTORLOG_PASSPHRASE"),
    ("raw-command", "a raw key from passphrase_command (`cat FILE`)"),
    ("passphrase", "the passphrase in MENTORLOG_PASSPHRASE (PBKDF2, 256,000 iterations)"),
)


def base_env(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MENTORLOG_", "PYTHON_KEYRING", "TEST_KEYRING"))}
    env.update(
        PYTHONPATH=str(ROOT),
        MENTORLOG_TODAY="2026-11-26",
        NO_COLOR="1",
        COLUMNS="100",
        MENTORLOG_CONFIG=str(work / "no-config.toml"),
        XDG_STATE_HOME=str(work / "state"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    return env


def mentorlog(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "mentorlog", *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"mentorlog {' '.join(args)} failed: {done.stderr}")
    return done


def prepare(work: Path, scale: float) -> tuple[Path, Path, dict[str, dict[str, str]]]:
    """The plain journal, its encrypted copy, and the environment of each series."""
    plain, encrypted = work / f"plain-{scale:g}.db", work / "encrypted.db"
    if not plain.exists():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), "--db", str(plain), "--scale", str(scale)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    for stale in work.glob("encrypted.db*"):
        stale.unlink()
    shutil.copyfile(plain, encrypted)
    env = base_env(work)
    keyring = {**env, "PYTHON_KEYRING_BACKEND": "tests.keyring_file.FileKeyring",
               "TEST_KEYRING_FILE": str(work / "keyring.json")}  # fmt: skip
    (work / "keyring.json").unlink(missing_ok=True)
    mentorlog({**keyring, "MENTORLOG_PASSPHRASE": PASSPHRASE}, "--db", str(encrypted), "encrypt", "--keyring")
    raw = mentorlog({**keyring}, "--db", str(encrypted), "passphrase", "--print-raw-key").stdout.strip()
    key_file = work / "raw-key"
    key_file.write_text(raw + "\n")
    config = work / "raw-command.toml"
    config.write_text(f'passphrase_command = "cat {key_file}"\n')
    # The other series run as on a machine whose keyring does not hold this journal's key (another state folder:
    # mentorlog then never loads keyring).
    elsewhere = {**env, "XDG_STATE_HOME": str(work / "state-without-keyring")}
    envs = {
        "plain": env,
        "keyring": keyring,
        "raw-env": {**elsewhere, "MENTORLOG_PASSPHRASE": raw},
        "raw-command": {**elsewhere, "MENTORLOG_CONFIG": str(config)},
        "passphrase": {**elsewhere, "MENTORLOG_PASSPHRASE": PASSPHRASE},
    }
    return plain, encrypted, envs


def measure(scale: float, pairs: int, warmups: int, work: Path) -> dict[str, Any]:
    work.mkdir(parents=True, exist_ok=True)
    plain, encrypted, envs = prepare(work, scale)
    argv = [sys.executable, "-m", "mentorlog", "--db"]
    base = Command("plain actions", [*argv, str(plain), "actions"], envs["plain"])
    results = []
    load_before = os.getloadavg()[0]
    began = time.monotonic()
    for name, label in SERIES:
        other = Command(f"encrypted actions, key from {label}", [*argv, str(encrypted), "actions"], envs[name])
        expected = mentorlog(envs["plain"], "--db", str(plain), "actions").stdout
        assert mentorlog(envs[name], "--db", str(encrypted), "actions").stdout == expected, name
        series = paired(base, other, pairs=pairs, warmups=warmups, ratio="second/first")
        series["name"] = name
        results.append(series)
        print(f"{name}: {series['median_ratio']:.2f}x ({series['min_ratio']:.2f}-{series['max_ratio']:.2f})")
    return {
        "written": datetime.now(UTC).isoformat(timespec="seconds"),
        "minutes": round((time.monotonic() - began) / 60, 1),
        "scale": scale,
        "pairs": pairs,
        "warmups": warmups,
        "machine": f"{os.cpu_count()} cores; {platform.platform()}; Python {platform.python_version()}",
        "sqlcipher": cipher_version(),
        "journal_mb": round(plain.stat().st_size / 2**20, 1),
        "load": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "series": results,
    }


def cipher_version() -> str:
    import sqlcipher3

    conn = sqlcipher3.connect(":memory:")
    try:
        return f"SQLCipher {conn.execute('PRAGMA cipher_version').fetchone()[0]} (SQLite {sqlcipher3.sqlite_version})"
    finally:
        conn.close()


def render(data: dict[str, Any]) -> str:
    lines = [
        "# Benchmark: encryption at rest",
        "",
        f"Written by `python benchmarks/encryption.py --scale {data['scale']:g} --pairs {data['pairs']}` on "
        f"{data['written']} ({data['minutes']} min); every figure is computed from the raw pairs in "
        "[benchmarks-encryption.json](benchmarks-encryption.json).",
        "",
        f"- Machine: {data['machine']}; {data['sqlcipher']}. Load average (1 min) {data['load'][0]} before, "
        f"{data['load'][1]} after: other work shared the machine, which the pairing absorbs and the min–max shows.",
        f"- Journal: `benchmarks/generate.py --scale {data['scale']:g}` ({data['journal_mb']} MB), copied and the "
        "copy encrypted with `mentorlog encrypt --keyring`.",
        f"- Method: per series, {data['warmups']} untimed run(s) of each side, then {data['pairs']} pairs in strict "
        "turns: plain `actions`, encrypted `actions`, plain, encrypted, … — each a fresh process (this tree's "
        "code, `python -m mentorlog`, bytecode cached). The ratio of a pair is the encrypted time over the plain "
        "time just before it; the figure is the **median of the per-pair ratios**, with their min–max.",
        f"- Target (product.md): at most {TARGET}× when the key comes from the keyring or `passphrase_command`. "
        "The keyring here is a file-based test backend (tests/keyring_file.py) selected with keyring's "
        "`PYTHON_KEYRING_BACKEND`: this headless machine has no OS keyring. A desktop keyring (Secret Service "
        "over D-Bus, macOS Keychain) adds its own lookup time.",
        "",
        "| key from | plain ms (median) | encrypted ms (median) | ratio: median (min–max) | target | verdict |",
        "| --- | ---: | ---: | --- | --- | --- |",
    ]
    for series in data["series"]:
        judged = series["name"] != "passphrase"
        verdict = ("met" if series["median_ratio"] <= TARGET else "**missed**") if judged else "no target"
        lines.append(
            f"| {dict(SERIES)[series['name']]} | {series['first_median_ms']:.0f} | {series['second_median_ms']:.0f} "
            f"| {series['median_ratio']:.2f}× ({series['min_ratio']:.2f}–{series['max_ratio']:.2f}) "
            f"| {'≤ ' + str(TARGET) + '×' if judged else '—'} | {verdict} |"
        )
    lines += [
        "",
        "The passphrase case pays SQLCipher's key derivation (PBKDF2-HMAC-SHA512, 256,000 iterations, kept at the "
        "default strength) in every command; that is the difference to the raw-key rows. To avoid it, keep the "
        "key in the keyring (`encrypt --keyring`) or give `passphrase_command` the raw key "
        "(`mentorlog passphrase --print-raw-key`).",
        "",
        "Per-pair ratios (encrypted / plain):",
        "",
    ]
    for series in data["series"]:
        ratios = ", ".join(f"{pair['ratio']:.2f}" for pair in series["pairs"])
        lines.append(f"- {series['name']}: {ratios}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--pairs", type=int, default=9)
    parser.add_argument("--warmups", type=int, default=1)
    parser.add_argument("--work", type=Path, default=HERE / ".work" / "encryption")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks-encryption.md")
    args = parser.parse_args()
    data = measure(args.scale, args.pairs, args.warmups, args.work)
    write_report(args.output, render(data), data)


if __name__ == "__main__":
    main()
