"""Rendering a user's template safely: Jinja's SandboxedEnvironment, tightened.

A template is text the user wrote (or copied from somewhere), so it is treated as hostile:
- no attribute access at all (`{{ ''.__class__ }}`, `{{ x.upper() }}`): the placeholders are plain text;
- no file access: no loader, and `include`, `import`, `from` and `extends` are refused before rendering;
- a size limit on the template, a limit on the output, on the steps of `range()` loops, on what `*`, `**`
  and `%` may build, and a time limit on the whole rendering (a loop that would never end is stopped);
- only a few harmless filters (`upper`, `lower`, `default`, ...), no globals but `range`.
Every refusal is a TemplateProblem naming the file and the line; nothing here prints or exits.
jinja2 is imported only when a template is rendered.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator, Mapping
from typing import Any

from mentorlog.base.errors import UsageError
from mentorlog.base.i18n import _

MAX_TEMPLATE_BYTES = 100_000  # a template is a page or two of headings, not a book
MAX_OUTPUT_CHARS = 200_000
MAX_STEPS = 10_000  # range() steps over one rendering
MAX_VALUE_CHARS = 100_000  # what `'x' * n` may build
MAX_POWER_BITS = 4_096
TIME_LIMIT = 2.0  # seconds
SAFE_FILTERS = ("upper", "lower", "title", "capitalize", "trim", "default", "d", "length", "count", "first",
                "last", "wordcount", "reverse")  # fmt: skip


class TemplateProblem(UsageError):
    """A template that cannot be used: its file and line, and why (exit 2: the template is bad input)."""

    def __init__(self, where: str, line: int | None, reason: str) -> None:
        place = f"{where}:{line}" if line else where
        super().__init__(
            _("template {place}: {reason}").format(place=place, reason=reason),
            _("Fix the template, or start from the built-in one with `mentorlog templates init`."),
        )
        self.line = line


class _Limit(Exception):
    """A limit reached while rendering (the message says which)."""


def render(source: str, values: Mapping[str, str], *, where: str) -> str:
    """SOURCE rendered with VALUES (each placeholder's text); WHERE names the template's file in errors."""
    size = len(source.encode("utf-8", errors="surrogatepass"))
    if size > MAX_TEMPLATE_BYTES:
        raise TemplateProblem(
            where,
            None,
            _("it is {size} KB; a template may hold at most {limit} KB").format(
                size=size // 1000, limit=MAX_TEMPLATE_BYTES // 1000
            ),
        )
    import jinja2
    from jinja2 import nodes
    from jinja2.sandbox import SandboxedEnvironment

    budget = {"steps": 0}

    def bounded_range(*args: int) -> Iterator[int]:
        steps = range(*args)
        if len(steps) > MAX_STEPS:
            raise _Limit(_("a loop of {n} steps; at most {limit} are allowed").format(n=len(steps), limit=MAX_STEPS))

        def walk() -> Iterator[int]:
            for step in steps:
                budget["steps"] += 1
                if budget["steps"] > MAX_STEPS:
                    raise _Limit(_("the loops take more than {limit} steps").format(limit=MAX_STEPS))
                yield step

        return walk()

    class Sandbox(SandboxedEnvironment):
        intercepted_binops = frozenset(("*", "**", "%", "+"))

        def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            return False  # placeholders are text: nothing has attributes worth reaching

        def is_safe_callable(self, obj: Any) -> bool:
            return obj is bounded_range

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            return _binop(operator, left, right)

    env = Sandbox(loader=None, autoescape=False, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters = {name: env.filters[name] for name in SAFE_FILTERS}
    env.tests = {name: env.tests[name] for name in ("defined", "undefined", "none", "string", "number")}
    env.globals = {"range": bounded_range}
    try:
        tree = env.parse(source, filename=where)
        for reach in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
            raise TemplateProblem(where, reach.lineno, _("a template cannot include, import or extend other files"))
        for attribute in tree.find_all(nodes.Getattr):
            raise TemplateProblem(
                where,
                attribute.lineno,
                _("attribute access ({name!r}) is not allowed in a template").format(name=attribute.attr),
            )
        code = env.compile(tree, filename=where)
        template = env.template_class.from_code(env, code, env.make_globals(None), None)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(where, exc.lineno, exc.message or str(exc)) from None
    return _generate(template, dict(values), where)


def _binop(operator: str, left: Any, right: Any) -> Any:
    if operator == "%" and isinstance(left, str):
        raise _Limit(_("formatting with % is not allowed in a template"))
    if operator == "**":
        numbers = isinstance(left, int | float) and isinstance(right, int | float)
        if numbers and right > 0 and abs(left) > 1 and right * math.log2(abs(left)) > MAX_POWER_BITS:
            raise _Limit(_("a number too large to compute"))
        return left**right
    if operator == "*":
        for text, times in ((left, right), (right, left)):
            if isinstance(text, str | list | tuple) and isinstance(times, int) and len(text) * times > MAX_VALUE_CHARS:
                raise _Limit(_("a text of more than {limit} characters").format(limit=MAX_VALUE_CHARS))
        return left * right
    if operator == "%":
        return left % right
    sized = isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple)
    if sized and len(left) + len(right) > MAX_VALUE_CHARS:
        raise _Limit(_("a text of more than {limit} characters").format(limit=MAX_VALUE_CHARS))
    return left + right


def _generate(template: Any, values: dict[str, str], where: str) -> str:
    """The output, piece by piece, within the output and time limits; any error names the template's line."""
    import jinja2
    from jinja2.exceptions import SecurityError

    deadline = time.monotonic() + TIME_LIMIT
    pieces: list[str] = []
    length = 0
    try:
        with _alarm(TIME_LIMIT):
            for piece in template.generate(values):
                length += len(piece)
                if length > MAX_OUTPUT_CHARS:
                    raise _Limit(_("it writes more than {limit} characters").format(limit=MAX_OUTPUT_CHARS))
                if time.monotonic() > deadline:
                    raise _Limit(_("it took longer than {limit} seconds").format(limit=TIME_LIMIT))
                pieces.append(piece)
    except _Limit as exc:
        raise TemplateProblem(where, _line(exc, where), str(exc)) from None
    except SecurityError as exc:
        raise TemplateProblem(
            where, _line(exc, where), _("not allowed in a template ({exc})").format(exc=exc)
        ) from None
    except jinja2.TemplateError as exc:
        raise TemplateProblem(where, _line(exc, where), exc.message or type(exc).__name__) from None
    except RecursionError:
        raise TemplateProblem(where, None, _("it calls itself too deeply")) from None
    except (ArithmeticError, TypeError, ValueError, LookupError) as exc:
        raise TemplateProblem(where, _line(exc, where), str(exc) or type(exc).__name__) from None
    return "".join(pieces)


def _line(exc: BaseException, where: str) -> int | None:
    """The template's line where EXC was raised: Jinja rewrites tracebacks so that its frames carry it."""
    line = getattr(exc, "lineno", None)
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == where:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


class _alarm:
    """A timer that interrupts a rendering that runs too long (a loop of loops that prints nothing), where a timer
    signal is available (POSIX, main thread); elsewhere the output check above stops it at the next piece."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.previous: Any = None
        self.armed = False

    def __enter__(self) -> None:
        import signal
        import threading

        if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
            return

        def expired(_signum: int, _frame: Any) -> None:
            raise _Limit(_("it took longer than {limit} seconds").format(limit=self.seconds))

        self.previous = signal.signal(signal.SIGALRM, expired)
        signal.setitimer(signal.ITIMER_REAL, self.seconds)
        self.armed = True

    def __exit__(self, *_exc: object) -> None:
        if self.armed:
            import signal

            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
