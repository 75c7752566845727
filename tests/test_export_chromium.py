"""The HTML export as a browser renders it: headless Chromium (Debian package `chromium`)."""

from __future__ import annotations

import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import Run, require_program

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
]  # fmt: skip


pytestmark = pytest.mark.slow


def chromium() -> str:
    return require_program("chromium", "chromium-browser", why="apt-get install chromium; .ci/run does it")


def test_html_export_renders_in_chromium(run: Run, tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "demo.db")]
    assert run(*db, "demo").exit_code == 0
    page = tmp_path / "review.html"
    assert run(*db, "export", "--format", "html", "-o", str(page)).exit_code == 0
    profile = ["--user-data-dir=" + str(tmp_path / "profile")]

    dom = subprocess.run(
        [chromium(), *FLAGS, *profile, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120
    ).stdout

    class Texts(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.headings: list[str] = []
            self.current: str | None = None
            self.svgs = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.current = tag if tag in ("h1", "h2") else None
            self.svgs += tag == "svg"

        def handle_data(self, data: str) -> None:
            if self.current and data.strip():
                self.headings.append(data.strip())

    parsed = Texts()
    parsed.feed(dom)
    assert parsed.headings[0].startswith("Mentoring review:")
    # issue 11: the review groups goals, sessions and action items per relationship
    # issue 13: the demo's relationship with Chen Li closed inside the period, so the review still tells of it
    people = ["With Anna Schmidt", "With Ben Okafor", "With Chen Li", "With Dr. Weber"]
    assert parsed.headings[1:] == ["In figures", "Skills", *people, "Reflections", "Open topics for the next meetings"]
    assert parsed.svgs >= 10 and "Give a talk at a conference" in dom
    assert dom.count('class="skill-chart"') == 5 and "me 1 → 2</text>" in dom  # giving feedback, the whole year

    shot = tmp_path / "review.png"
    subprocess.run(
        [chromium(), *FLAGS, *profile, "--window-size=1000,1800", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=120,
    )
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1000, 1800)
    assert shot.stat().st_size > 50_000  # a page with text and charts, not a blank one
