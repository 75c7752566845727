"""Make user text inert for a terminal: control characters and escape sequences become visible."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and the C1 range (0x9b alone is a CSI on some terminals).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group(0)):02x}"


def inert(text: str) -> str:
    """TEXT with every control character shown as `\\xNN`, so nothing reaches the terminal as a command."""
    return CONTROL.sub(_visible, text)


def json_text(data: object, *, indent: int | None = None) -> str:
    """DATA as JSON (UTF-8, not ASCII-escaped) with every control character escaped, C1 and DEL included."""
    import json

    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return CONTROL.sub(lambda match: f"\\u{ord(match.group(0)):04x}", text)


def one_line(text: str, width: int | None = None) -> str:
    """The text on one line (newlines folded), shortened with an ellipsis to WIDTH characters."""
    flat = " ".join(inert(text).split())
    if width is not None and len(flat) > width:
        return flat[: max(width - 1, 0)].rstrip() + "…"
    return flat
