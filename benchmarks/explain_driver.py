"""Run one mentorlog command (or a script) in this process and report its parts on stderr (see explain.py).

    python explain_driver.py mentorlog ARGS...     # the installed mentorlog's CLI
    python explain_driver.py SCRIPT.py               # a script, e.g. the floor app

The last stderr line is `EXPLAIN {json}`: total_ms from the driver's start, imports_ms (modules loaded, timed at the
outermost import), drawing_ms (Rich's Console.print, the Markdown and HTML review's render, less imports inside
them), sqlite_ms and sqlite_by_kind (time inside SQLite calls, by kind of statement), statements.
"""

import atexit
import contextlib
import importlib._bootstrap as bootstrap
import json
import os
import runpy
import sqlite3
import sys
import time

began = time.perf_counter()
spent: dict[str, float] = {}
count = [0]
importing = {"depth": 0, "seconds": 0.0}
_find_and_load = bootstrap._find_and_load


# What draws the output, timed apart (less any import inside): patched as its module is loaded, so that
# watching it loads nothing the command would not load.
DRAWING = {"rich.console": ("Console", "print"), "mentorlog.export.markdown": (None, "render"),
           "mentorlog.export.html": (None, "render")}  # fmt: skip
drawing = {"seconds": 0.0}


def watch(module) -> None:
    owner_name, function = DRAWING[module.__name__]
    owner = getattr(module, owner_name) if owner_name else module
    original = getattr(owner, function)

    def drawn(*args, **kwargs):
        start, imported = time.perf_counter(), importing["seconds"]
        try:
            return original(*args, **kwargs)
        finally:
            drawing["seconds"] += time.perf_counter() - start - (importing["seconds"] - imported)

    setattr(owner, function, drawn)


def find_and_load(name, import_):
    """Every module loaded from here on, timed at the outermost import only (nothing counted twice)."""
    if importing["depth"]:
        module = _find_and_load(name, import_)
    else:
        importing["depth"] += 1
        start = time.perf_counter()
        try:
            module = _find_and_load(name, import_)
        finally:
            importing["depth"] -= 1
            importing["seconds"] += time.perf_counter() - start
    if name in DRAWING:
        watch(module)
    return module


bootstrap._find_and_load = find_and_load


def kind_of(sql: str) -> str:
    words = sql.split(None, 3)
    head = " ".join(words[:3]).upper()
    if head.startswith("INSERT INTO SEARCH_INDEX") or head.startswith("DELETE FROM SEARCH_INDEX"):
        return "search index"
    if head.startswith(("CREATE INDEX", "CREATE UNIQUE")):
        return "building indexes"
    if head.startswith(("COMMIT", "RELEASE", "END")):
        return "commit"
    if head.startswith(("INSERT", "UPDATE", "DELETE", "REPLACE")):
        return "writing rows"
    if head.startswith(("SELECT", "WITH")):
        return "reading rows"
    return "other statements"


def timed(kind: str, call, *args, **kwargs):
    start = time.perf_counter()
    try:
        return call(*args, **kwargs)
    finally:
        spent[kind] = spent.get(kind, 0.0) + time.perf_counter() - start


class Cursor(sqlite3.Cursor):
    kind = "reading rows"

    def __next__(self):
        return timed(self.kind, super().__next__)

    def fetchone(self):
        return timed(self.kind, super().fetchone)

    def fetchall(self):
        return timed(self.kind, super().fetchall)

    def fetchmany(self, *args):
        return timed(self.kind, super().fetchmany, *args)


class Connection(sqlite3.Connection):
    def cursor(self, factory=Cursor):
        return super().cursor(factory)

    def execute(self, sql, *args):
        count[0] += 1
        cursor = timed(kind_of(sql), super().execute, sql, *args)
        if isinstance(cursor, Cursor):
            cursor.kind = "reading rows"
        return cursor

    def executemany(self, sql, *args):
        count[0] += 1
        return timed(kind_of(sql), super().executemany, sql, *args)

    def executescript(self, script):
        count[0] += 1
        return timed("other statements", super().executescript, script)

    def commit(self):
        return timed("commit", super().commit)


_connect = sqlite3.connect


def connect(*args, **kwargs):
    kwargs.setdefault("factory", Connection)
    return _connect(*args, **kwargs)


sqlite3.connect = connect


def report() -> None:
    total = (time.perf_counter() - began) * 1000
    by_kind = {kind: round(seconds * 1000, 3) for kind, seconds in spent.items()}
    parts = {
        "total_ms": round(total, 3),
        "imports_ms": round(importing["seconds"] * 1000, 3),
        "drawing_ms": round(drawing["seconds"] * 1000, 3),
        "sqlite_ms": round(sum(by_kind.values()), 3),
        "sqlite_by_kind": by_kind,
        "statements": count[0],
    }
    sys.stdout.flush()
    sys.stdout = sys.__stdout__
    sys.stderr.write("EXPLAIN " + json.dumps(parts) + "\n")


atexit.register(report)
target, sys.argv = sys.argv[1], sys.argv[1:]
with open(os.devnull, "w") as quiet:
    sys.stdout = quiet  # what the command prints is not the point here (nor the cost of a terminal)
    if target == "mentorlog":
        from mentorlog.cli import main

        with contextlib.suppress(SystemExit):
            main()
    else:
        with contextlib.suppress(SystemExit):
            runpy.run_path(target, run_name="__main__")
    sys.stdout.flush()
    sys.stdout = sys.__stdout__
