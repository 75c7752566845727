"""The German catalogue: extract every message from the source, keep the .po files in step, compile the .mo.

    python -m tools.catalog update   # add new messages (empty German) to their area's .po, drop gone ones
    python -m tools.catalog build    # compile the .po files into LC_MESSAGES/mentorlog.mo
    python -m tools.catalog check    # exit 1 when a message has no German or the .mo is not current

A message is: the text in `_("…")`, `N_("…")`, `ngettext("…", "…", n)`; a literal `help="…"` of any call
(Typer options and commands); the docstring of a function decorated `@….command(…)` or `@….callback(…)`
(Typer's command help), whole and as its first paragraph; and `_("…")` / `ngettext(…)` in the Jinja templates.
The German lives in `de/po/AREA.po`, one file per area of the code (cli, views, export, core) so that two people
translating different areas do not edit the same file. Babel is a development tool here (the `test` extra):
the product reads the compiled .mo with the standard library's gettext and never imports Babel.
"""

from __future__ import annotations

import ast
import gettext
import inspect
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "mentorlog"
LOCALE = PACKAGE / "base" / "locale"
PO_DIR = LOCALE / "de" / "po"
MO_FILE = LOCALE / "de" / "LC_MESSAGES" / "mentorlog.mo"
AREAS = ("cli", "views", "export", "core")
VIEWS = ("render", "humane", "health", "meetings", "grouping", "trends", "reports")
FIXED = datetime(2026, 1, 1, tzinfo=UTC)  # catalogue dates: fixed, so that the files change only with their messages


def area_of(path: Path) -> str:
    """Which .po holds the messages first found in PATH."""
    relative = path.relative_to(PACKAGE)
    if relative.parts[0] == "cli":
        return "cli"
    if relative.parts[0] == "export":
        return "export"
    if relative.parts[0] == "render" or relative.stem.startswith(VIEWS):
        return "views"
    return "core"


@dataclass
class Message:
    msgid: str
    plural: str | None = None
    places: list[tuple[str, int]] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.msgid


def _literal(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _is_command(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return isinstance(target, ast.Attribute) and target.attr in ("command", "callback")


def _python(path: Path) -> Iterator[tuple[str, str | None, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name in ("_", "N_") and node.args and (text := _literal(node.args[0])):
                yield text, None, node.lineno
            elif name == "ngettext" and len(node.args) >= 2:
                one, many = _literal(node.args[0]), _literal(node.args[1])
                if one and many:
                    yield one, many, node.lineno
            for keyword in node.keywords:
                if keyword.arg == "help" and (text := _literal(keyword.value)):
                    yield text, None, node.lineno
        elif isinstance(node, ast.FunctionDef) and any(_is_command(d) for d in node.decorator_list):
            doc = ast.get_docstring(node, clean=False)
            if doc:
                whole = inspect.cleandoc(doc).split("\f")[0].strip()
                yield whole, None, node.lineno
                first = whole.split("\n\n")[0]
                if first != whole:
                    yield first, None, node.lineno


def _templates() -> Iterator[tuple[Path, str, str | None, int]]:
    from jinja2.ext import babel_extract

    for path in sorted((PACKAGE / "export" / "templates").glob("*.j2")):
        with path.open("rb") as handle:
            for lineno, function, message, _comments in babel_extract(handle, ("_", "ngettext"), [], {}):
                if function == "ngettext" and isinstance(message, tuple):
                    yield path, str(message[0]), message[1], lineno
                elif isinstance(message, str):
                    yield path, message, None, lineno


def extract() -> dict[str, Message]:
    """Every message of the product, by its English text, with where it was found."""
    found: dict[str, Message] = {}

    def add(path: Path, text: str, plural: str | None, line: int) -> None:
        message = found.setdefault(text, Message(text, plural))
        if plural and not message.plural:
            message.plural = plural
        message.places.append((str(path.relative_to(PACKAGE.parent)), line))

    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent == LOCALE:
            continue
        for text, plural, line in _python(path):
            add(path, text, plural, line)
    for path, text, plural, line in _templates():
        add(path, text, plural, line)
    return found


def _read(area: str):  # type: ignore[no-untyped-def]
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    path = PO_DIR / f"{area}.po"
    if not path.exists():
        return Catalog(locale="de", project="mentorlog", creation_date=FIXED, revision_date=FIXED)
    with path.open("rb") as handle:
        return read_po(handle, locale="de")


def _write(area: str, catalogue) -> None:  # type: ignore[no-untyped-def]
    from babel.messages.pofile import write_po

    catalogue.creation_date = catalogue.revision_date = FIXED
    PO_DIR.mkdir(parents=True, exist_ok=True)
    buffer = BytesIO()
    write_po(buffer, catalogue, width=120, omit_header=False, sort_output=False, include_previous=False)
    (PO_DIR / f"{area}.po").write_bytes(buffer.getvalue())


def _key(message_id: object) -> str:
    return message_id[0] if isinstance(message_id, tuple) else str(message_id)


def update() -> list[str]:
    """Add new messages to their area's .po (empty German), drop messages the code no longer has; say what."""
    messages = extract()
    catalogues = {area: _read(area) for area in AREAS}
    known = {_key(m.id): area for area, cat in catalogues.items() for m in cat if m.id}
    said: list[str] = []
    for area, catalogue in catalogues.items():
        for message in list(catalogue):
            if message.id and _key(message.id) not in messages:
                catalogue.delete(message.id)
                said.append(f"dropped from {area}.po: {_key(message.id)[:60]!r}")
    for text, message in messages.items():
        area = known.get(text) or area_of(PACKAGE.parent / message.places[0][0])
        catalogue = catalogues[area]
        msgid: str | tuple[str, str] = (text, message.plural) if message.plural else text
        existing = catalogue.get(text)
        if existing is None:
            catalogue.add(msgid, ("", "") if message.plural else "", locations=message.places[:3])
            said.append(f"new in {area}.po: {text[:60]!r}")
        else:
            existing.locations = message.places[:3]
            if message.plural and not isinstance(existing.id, tuple):
                existing.id, existing.string = msgid, (existing.string or "", "")
    for area, catalogue in catalogues.items():
        _write(area, catalogue)
    return said


def compiled() -> bytes:
    """The .mo of every area's .po together."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    together = Catalog(locale="de", project="mentorlog", creation_date=FIXED, revision_date=FIXED)
    for area in AREAS:
        for message in _read(area):
            if message.id and message.string and all(message.string if isinstance(message.string, tuple) else [1]):
                together.add(message.id, message.string)
    buffer = BytesIO()
    write_mo(buffer, together)
    return buffer.getvalue()


def build() -> None:
    MO_FILE.parent.mkdir(parents=True, exist_ok=True)
    MO_FILE.write_bytes(compiled())


def _entries(mo: bytes) -> dict[object, object]:
    return dict(gettext.GNUTranslations(BytesIO(mo))._catalog)  # type: ignore[attr-defined]


def problems() -> list[str]:
    """What keeps the catalogue from being complete and current, one line each."""
    messages = extract()
    translated: dict[str, object] = {}
    for area in AREAS:
        for message in _read(area):
            if message.id:
                translated[_key(message.id)] = message.string
    out = []
    for text, message in messages.items():
        german = translated.get(text)
        if german is None:
            out.append(f"not in any .po (run `update`): {text[:70]!r} ({message.places[0][0]})")
        elif not german or (isinstance(german, tuple) and not all(german)):
            out.append(f"no German yet: {text[:70]!r} ({message.places[0][0]})")
        elif message.plural and not isinstance(german, tuple):
            out.append(f"needs plural forms: {text[:70]!r}")
    if not MO_FILE.exists() or _entries(MO_FILE.read_bytes()) != _entries(compiled()):
        out.append(f"{MO_FILE.relative_to(PACKAGE.parent)} is not current (run `build`)")
    return out


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        for line in update():
            print(line)
        return 0
    if command == "build":
        build()
        print(f"wrote {MO_FILE.relative_to(PACKAGE.parent)}")
        return 0
    if command == "check":
        found = problems()
        for line in found:
            print(line)
        print(f"{len(found)} problem(s); {len(extract())} messages")
        return 1 if found else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
