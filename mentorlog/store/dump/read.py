"""Reading a dump as a stream: the records of one table at a time, checked one by one, never the whole file.

A dump is one JSON object: the header (`format`, `version`, `exported_at`) and a list of records per table.
mentorlog writes the header first and the tables in the order their references need (people before the goals
and sessions that name them), one record a line; then each table streams straight from the file. Any other
layout of the same JSON (indented, keys in another order, written by hand or by another tool) still imports:
a table that comes before the header or before a table it depends on is read whole and kept until its turn.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import IO, Any

from mentorlog.base.errors import UsageError
from mentorlog.base.i18n import _
from mentorlog.core import validate

CHUNK = 1 << 20  # characters read at a time
SPACE = re.compile(r"[ \t\n\r]*")
Records = Iterator[dict[str, Any]]


def bytes_read(stream: IO[str], advance: Callable[[int], None] | None) -> Callable[[int], None] | None:
    """An ON_READ for DumpReader that advances a progress bar by the bytes of STREAM read, not the characters
    (the bar's total is the file's size in bytes, and a German note's `ü` is two of them)."""
    if advance is None:
        return None
    raw = getattr(stream, "buffer", None)
    if raw is None:
        return advance
    seen = 0

    def read(_characters: int) -> None:
        nonlocal seen
        position = raw.tell()
        advance(position - seen)
        seen = position

    return read


class DumpReader:
    """The dump in STREAM (text, already decoded) as its header and its tables' checked records, in table order.

    ON_READ is told how many characters were read, for a progress bar."""

    def __init__(self, stream: IO[str], source: str, on_read: Callable[[int], None] | None = None) -> None:
        self.stream, self.source, self.on_read = stream, source, on_read
        self.buffer, self.pos, self.lines_before, self.ended = "", 0, 0, False
        self.decode = json.JSONDecoder().raw_decode
        self.header: dict[str, Any] = {}

    # -- the JSON text, a value at a time -------------------------------------------------------------------------

    def _fill(self) -> bool:
        """Read more into the buffer (dropping what was used); False at the end of the file."""
        if self.ended:
            return False
        chunk = self.stream.read(CHUNK)
        if self.on_read is not None and chunk:
            self.on_read(len(chunk))
        self.lines_before += self.buffer.count("\n", 0, self.pos)
        self.buffer = self.buffer[self.pos :] + chunk
        self.pos = 0
        self.ended = not chunk
        return bool(chunk)

    def _peek(self) -> str:
        """The next character that is not white space ('' at the end of the file)."""
        while True:
            match = SPACE.match(self.buffer, self.pos)
            self.pos = match.end() if match else self.pos
            if self.pos < len(self.buffer):
                return self.buffer[self.pos]
            if not self._fill():
                return ""

    def _expect(self, char: str) -> None:
        if self._peek() != char:
            self._invalid(self.pos)
        self.pos += 1

    def _value(self) -> Any:
        """The next JSON value; the buffer grows until it holds the whole value (a record, a header field)."""
        self._peek()
        while True:
            try:
                value, end = self.decode(self.buffer, self.pos)
            except json.JSONDecodeError as exc:
                if self._fill():
                    continue
                self._invalid(exc.pos)
            except RecursionError:
                raise UsageError(
                    _("{source} nests too deeply to be a mentorlog dump").format(source=self.source)
                ) from None
            if end == len(self.buffer) and self._fill():  # a number may go on in the next chunk
                continue
            self.pos = end
            return value

    def _invalid(self, pos: int) -> Any:
        line = self.lines_before + self.buffer.count("\n", 0, pos) + 1
        column = pos - self.buffer.rfind("\n", 0, pos)
        raise UsageError(
            _("{source} is not valid JSON (line {lineno}, column {colno})").format(
                source=self.source, lineno=line, colno=column
            )
        )

    def _items(self) -> Iterator[Any]:
        """The values of the list that starts here, one at a time."""
        self._expect("[")
        if self._peek() == "]":
            self.pos += 1
            return
        while True:
            yield self._value()
            if self.buffer.startswith(",\n{", self.pos):  # mentorlog's own layout: the next record's line
                self.pos += 2
                continue
            if self._peek() == "]":
                self.pos += 1
                return
            self._expect(",")

    # -- the dump ---------------------------------------------------------------------------------------------------

    def tables(self) -> Iterator[tuple[str, Records]]:
        """Each table of schema.TABLES in order with its checked records; the header is checked before the
        first. A caller takes all of a table's records before asking for the next table."""
        from mentorlog.store.dump.schema import ADDED_LATER, TABLES, check_header

        order = list(TABLES)
        waiting: dict[str, list[Any]] = {}
        done: set[str] = set()
        checked = False
        if self._peek() == "\ufeff":  # a BOM the decoding left (a file opened without utf-8-sig)
            self.pos += 1
        if self._peek() != "{":
            check_header(self._value(), self.source)  # JSON, but not an object: not a dump
        self.pos += 1
        first = True
        while True:
            if self._peek() == "}":
                self.pos += 1
                break
            if not first:
                self._expect(",")
            first = False
            if self._peek() != '"':
                self._invalid(self.pos)
            key = self._value()
            self._expect(":")
            if key not in TABLES:
                value = self._value()
                if key not in self.header:
                    self.header[key] = value
                continue
            if key in done or key in waiting:
                raise UsageError(_("{source} has the list of {table} twice").format(source=self.source, table=key))
            if self._peek() != "[":
                self._value()
                raise UsageError(_("{source} has no list of {table}").format(source=self.source, table=key))
            ready = {"format", "version"} <= self.header.keys()
            if ready and not checked:
                check_header(self.header, self.source)
                checked = True
            if not ready or order[0] != key:  # out of its turn: read whole and kept
                waiting[key] = list(self._items())
                continue
            records = self._checked_list(key)
            yield key, records
            for _record in records:  # what the caller left, still checked: the file goes on after it
                pass
            done.add(order.pop(0))
            while order and order[0] in waiting:
                table = order.pop(0)
                yield table, self._checked(table, iter(waiting.pop(table)))
                done.add(table)
        if self._peek() != "":
            self._invalid(self.pos)
        if not checked:
            check_header(self.header, self.source)
        for table in order:
            if table not in waiting and table not in ADDED_LATER:
                raise UsageError(_("{source} has no list of {table}").format(source=self.source, table=table))
            yield table, self._checked(table, iter(waiting.pop(table, [])))

    def _checked_list(self, table: str) -> Records:
        """The checked records of TABLE's list that starts here. In mentorlog's own layout (one record a line) the
        complete lines in the buffer are decoded and type-checked together (msgspec, in C), and only the rules
        that need Python (timestamps, dates, texts, names, tags) run per field, through dumpschema's own checks;
        a batch that fails anything is read again record by record, so every error is the one check_record gives."""
        from mentorlog.store.dump.schema import check_record

        self._expect("[")
        if self._peek() == "]":
            self.pos += 1
            return
        index = 0
        batches = _Batches(table)
        while True:
            found = self._batch() if batches.usable and self._peek() == "{" else None
            checked = batches.checked(found) if found is not None else None
            if checked is not None and found is not None:
                self.pos = found[1]
                yield from checked
                index += len(checked)
            else:
                yield check_record(table, self._value(), f"{self.source}: {table}[{index}]")
                index += 1
            if self._peek() == "]":
                self.pos += 1
                return
            self._expect(",")

    def _batch(self) -> tuple[str, int] | None:
        """The whole records of mentorlog's layout from here to the list's end or the buffer's last complete line
        (their text, and where it ends); None when the next record does not start a line of its own."""
        start = self.pos
        if not self.buffer.startswith('{"id": ', start):
            return None
        end = self.buffer.find("\n]", start)  # a JSON string holds no raw newline: the list's end
        if end < 0:
            end = self.buffer.rfind(',\n{"id": ', start)
        return (self.buffer[start:end], end) if end > start else None

    def _checked(self, table: str, records: Iterator[Any]) -> Records:
        from mentorlog.store.dump.schema import check_record

        for index, record in enumerate(records):
            yield check_record(table, record, f"{self.source}: {table}[{index}]")


class _Batches:
    """TABLE's records decoded a batch at a time into a type made from dumpschema's rules (msgspec checks the JSON,
    each field's type, whole numbers' ranges, choices, uuids and times), the other rules applied per field by
    dumpschema's own checks. `checked` gives None for a batch that fails any of it (the caller reads it again)."""

    def __init__(self, table: str) -> None:
        import msgspec

        self.table = table
        self.decode, self.plan = _batch_type(table)
        self.python = [(name, spec, check) for name, spec, check in self.plan if check is not None]
        self.optional = [name for name, spec, _check in self.plan if not spec.required]
        self.as_dict, self.unset = msgspec.structs.asdict, msgspec.UNSET
        self.usable = True

    def checked(self, found: tuple[str, int]) -> list[dict[str, Any]] | None:
        import msgspec

        from mentorlog.store.dump.schema import Invalid

        try:
            records = self.decode("[" + found[0] + "]")
            return [self._clean(record) for record in records]
        except (msgspec.DecodeError, msgspec.ValidationError, Invalid):
            self.usable = False  # the rest of the table record by record: the errors as they always were
            return None

    def _clean(self, record: Any) -> dict[str, Any]:
        clean: dict[str, Any] = self.as_dict(record)  # every field, in dumpschema's order
        for name, spec, check in self.python:
            value = clean[name]
            if value is not None and value is not self.unset:
                clean[name] = check(value, spec)
        for name in self.optional:  # a field the record does not have stays out, as check_record leaves it
            if clean[name] is self.unset:
                del clean[name]
        if self.table == "people":
            validate.relationship_days(clean)  # Invalid: the batch is read again, record by record
        return clean


@cache
def _batch_type(table: str) -> tuple[Callable[[str], list[Any]], list[tuple[str, Any, Any]]]:
    """A decoder of a list of TABLE's records, and per field its name, rule and the check msgspec leaves to Python."""
    from typing import Annotated, Literal

    import msgspec

    from mentorlog.store.dump.schema import CHECKS, ID, TABLES, TIME, UUID

    uuid = Annotated[str, msgspec.Meta(pattern=UUID.pattern)]
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = []
    plan: list[tuple[str, Any, Any]] = []
    for name, spec in TABLES[table].items():
        python = spec.rule in ("stamp", "date", "text", "name", "tags")
        kind: Any
        if spec.rule in ("id", "int"):
            limits = ID if spec.rule == "id" else spec
            kind = Annotated[int, msgspec.Meta(ge=limits.low, le=limits.high)]
        elif spec.rule in ("uuid", "ref"):
            kind = uuid
        elif spec.rule == "refs":
            kind = list[uuid]
        elif spec.rule == "time":
            kind = Annotated[str, msgspec.Meta(pattern=TIME.pattern)]
        elif spec.rule == "enum":
            kind = Literal[spec.choices]
        elif spec.rule == "bool":
            kind = bool
        elif spec.rule == "tags":
            kind = list[str]
        else:
            kind = str
        if spec.nullable:
            kind = kind | None
        if spec.required:
            fields.append((name, kind))
        else:
            fields.append((name, kind | msgspec.UnsetType, msgspec.UNSET))
        plan.append((name, spec, CHECKS[spec.rule] if python else None))
    record: Any = msgspec.defstruct(f"{table}_record", fields, kw_only=True)
    decoder: msgspec.json.Decoder[list[Any]] = msgspec.json.Decoder(list[record])
    return decoder.decode, plan


def in_memory(data: dict[str, Any]) -> Iterator[tuple[str, Records]]:
    """A dump already parsed and checked (parse_dump) as the tables a reader gives."""
    from mentorlog.store.dump.schema import TABLES

    for table in TABLES:
        yield table, iter(data.get(table, []))
