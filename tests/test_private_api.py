"""mentorlog uses its dependencies through their public API only (issue 22.7): no import of a private module
(`typer._click`, `rich._loop`, `jinja2._identifier`), no private name imported from one, and no `_attribute`
read or written on a dependency's module, class or object — including the objects of a subclass of a
dependency's class (`self._protected_args` in a click Group). Checked on the source with `ast`, and on the
classes themselves for overrides, with no exemption list: a dependency's private name is pinned to the
version that has it, and breaks silently on the next one."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mentorlog"
# Typer's own private state, by name wherever it appears (an attribute, a getattr/setattr string): written
# by a CLI that wants Typer to build fewer commands, which the command registry now does through click.
TYPER_PRIVATE_STATE = ("_add_completion", "registered_commands", "registered_groups")


def private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def dependency(module: str) -> bool:
    """A third-party module: neither mentorlog's nor the standard library's."""
    top = module.split(".")[0]
    return bool(top) and top != "mentorlog" and top not in sys.stdlib_module_names and top != "__future__"


def root_name(node: ast.expr) -> str | None:
    """`a` for `a`, `a.b.c`, `a(...).b`, `a[0].b`: the name an expression starts from."""
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


class Finder(ast.NodeVisitor):
    """One module's uses of a dependency's private names, as `line: what` strings."""

    def __init__(self) -> None:
        self.found: list[str] = []
        self.scopes: list[set[str]] = [set()]  # names bound to a dependency (module, class, object), per scope
        self.own: list[
            set[str] | None
        ] = []  # per class: its own `_attributes`; None when it derives from no dependency
        self.inherited: list[set[str]] = []  # per derived class: what its own (mentorlog) base classes define
        self.classes: dict[str, set[str]] = {}  # mentorlog's classes derived from a dependency's, with their own names

    def tracked(self, node: ast.expr) -> bool:
        name = root_name(node)
        return name is not None and any(name in scope for scope in self.scopes)

    def flag(self, node: ast.AST, what: str) -> None:
        self.found.append(f"{getattr(node, 'lineno', 0)}: {what}")

    # where dependency names come from -------------------------------------------------------------------

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if dependency(alias.name):
                if any(private(part) for part in alias.name.split(".")):
                    self.flag(node, f"import {alias.name}")
                self.scopes[-1].add((alias.asname or alias.name).split(".")[0])

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if node.level == 0 and dependency(module):
            if any(private(part) for part in module.split(".")):
                self.flag(node, f"from {module} import ...")
            for alias in node.names:
                if private(alias.name):
                    self.flag(node, f"from {module} import {alias.name}")
                self.scopes[-1].add(alias.asname or alias.name)

    def bind(self, target: ast.expr, value: ast.expr | None) -> None:
        if isinstance(target, ast.Name) and value is not None and self.tracked(value):
            self.scopes[-1].add(target.id)

    def visit_Assign(self, node: ast.Assign) -> None:
        self.generic_visit(node)
        for target in node.targets:
            self.bind(target, node.value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self.generic_visit(node)
        self.bind(node.target, node.value)
        if isinstance(node.target, ast.Name) and self.tracked(node.annotation):
            self.scopes[-1].add(node.target.id)

    def visit_withitem(self, node: ast.withitem) -> None:
        self.generic_visit(node)
        if node.optional_vars is not None:
            self.bind(node.optional_vars, node.context_expr)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for decorator in node.decorator_list:
            self.visit(decorator)
        scope: set[str] = set()
        arguments = node.args
        for argument in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]:
            if argument.annotation is not None and self.tracked(argument.annotation):
                scope.add(argument.arg)  # `ctx: typer.Context`, `console: Console`
        if self.own and self.own[-1] is not None and (arguments.posonlyargs or arguments.args):
            scope.add("self")  # a method of a class derived from a dependency's class
        self.scopes.append(scope)
        for statement in node.body:
            self.visit(statement)
        self.scopes.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for base in [*node.bases, *node.decorator_list]:
            self.visit(base)
        if not any(self.tracked(base) for base in node.bases):
            self.own.append(None)
        else:  # derived from a dependency's class, perhaps through one of ours
            inherited = set().union(*(self.classes.get(root_name(base) or "", set()) for base in node.bases))
            own = set(inherited)  # what the classes themselves define: methods, class attributes, `self._x = ...`
            for child in ast.walk(node):
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    own.add(child.name)
                elif (
                    isinstance(child, ast.Attribute) and isinstance(child.ctx, ast.Store) and root_name(child) == "self"
                ):
                    own.add(child.attr)
            for statement in node.body:
                targets = (
                    statement.targets if isinstance(statement, ast.Assign) else [getattr(statement, "target", None)]
                )
                own |= {target.id for target in targets if isinstance(target, ast.Name)}
            self.classes[node.name] = own
            self.scopes[-1].add(node.name)
            self.own.append(own)
            self.inherited.append(inherited)
        for statement in node.body:
            self.visit(statement)
        if self.own.pop() is not None:
            self.inherited.pop()

    # what must not happen -------------------------------------------------------------------------------

    def visit_Attribute(self, node: ast.Attribute) -> None:
        self.generic_visit(node)
        own = self.own[-1] if self.own else None
        if node.attr in TYPER_PRIVATE_STATE:
            self.flag(node, f"Typer's private state .{node.attr}")
        elif not private(node.attr):
            return
        elif isinstance(node.value, ast.Call) and root_name(node.value) == "super":
            if own is not None and node.attr not in self.inherited[-1]:
                self.flag(node, ast.unparse(node))  # the dependency's own method, overridden or not
        elif self.tracked(node.value) and not (
            root_name(node.value) == "self" and own is not None and node.attr in own
        ):
            self.flag(node, ast.unparse(node))

    def visit_Call(self, node: ast.Call) -> None:
        self.generic_visit(node)
        name = node.func.id if isinstance(node.func, ast.Name) else None
        if name in ("getattr", "setattr", "hasattr", "delattr") and len(node.args) >= 2:
            attribute = node.args[1]
            literal = attribute.value if isinstance(attribute, ast.Constant) else None
            if isinstance(literal, str) and private(literal) and self.tracked(node.args[0]):
                self.flag(node, f"{name}(..., {literal!r})")

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and node.value in TYPER_PRIVATE_STATE:
            self.flag(node, f"Typer's private state {node.value!r}")


def uses(source: str) -> list[str]:
    finder = Finder()
    finder.visit(ast.parse(source))
    return finder.found


def modules() -> Iterator[Path]:
    yield from sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", list(modules()), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_module_uses_a_private_name_of_a_dependency(path: Path) -> None:
    assert uses(path.read_text(encoding="utf-8")) == []


# The checker itself: what it must catch, and what is not a dependency's (a check that finds nothing proves nothing).


@pytest.mark.parametrize(
    "source",
    [
        "import typer._click",
        "from typer._click.shell_completion import CompletionItem",
        "from typer import _completion_classes",
        "from rich.table import _Cell",
        "import rich._loop as loop",
        "import typer\ntyper.main._x",
        "from typer.core import TyperGroup\nTyperGroup._main_shell_completion",
        "from rich.console import Console\nconsole = Console()\nconsole._file",
        "from rich.console import Console\ndef f(console: Console):\n    return console._width",
        "import jinja2\nwith jinja2.Environment() as env:\n    env._x",
        "from sqlite_utils import Migrations\nmigrations = Migrations('x')\nmigrations._migrations",
        "from rich.table import Table\nclass T(Table):\n    def f(self):\n        return self._measure_column(1)",
        "import click\nclass G(click.Group):\n    def f(self, ctx):\n        return ctx, self._protected_args",
        "from rich.table import Table\nclass T(Table):\n    def f(self):\n        return super()._measure_column()",
        "import typer\nclass A(typer.Typer):\n    pass\nclass B(A):\n    def f(self):\n        return self._add_typer",
        "import typer\napp = typer.Typer()\napp.registered_commands = []",
        "def f(app):\n    app._add_completion = False",
        "import typer\ngetattr(typer.main, '_private')",
        "x = getattr(app, 'registered_groups')",
    ],
)
def test_the_check_finds_a_private_use(source: str) -> None:
    assert uses(source) != [], source


@pytest.mark.parametrize(
    "source",
    [
        "import sys\nsys._getframe()",  # the standard library is not a dependency
        "from mentorlog.cli import common\ncommon._STATE._keys",  # mentorlog's own
        "import typer\ntyper.main.get_command(app).__doc__",  # dunders are public
        "from typer.core import TyperGroup\nclass G(TyperGroup):\n    def f(self):\n        self._cache = 1\n"
        "        return self._cache",  # a subclass's own attribute
        "class Plain:\n    def f(self):\n        return self._mine",
        "import typer\nclass A(typer.Typer):\n    def _mine(self):\n        pass\nclass B(A):\n    def f(self):\n"
        "        return self._mine() or super()._mine()",  # defined by mentorlog's own base class
        "from __future__ import annotations",
    ],
)
def test_the_check_leaves_what_is_not_a_dependencys_private_name(source: str) -> None:
    assert uses(source) == [], source


def test_no_class_overrides_a_private_method_of_a_dependency() -> None:
    """A mentorlog class derived from a dependency's defines no name the dependency keeps private
    (`_measure_column` in a rich Table): an override is bound to the dependency's internals."""
    import importlib
    import inspect

    overrides = []
    for path in modules():
        if path.name == "__main__.py":
            continue  # runs the command line
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
        module = importlib.import_module(name)
        for cls in vars(module).values():
            if not inspect.isclass(cls) or cls.__module__ != name:
                continue
            theirs = [base for base in cls.__mro__[1:] if dependency(base.__module__)]
            # what the dependency's class machinery sets on every subclass (Textual's `_reactives`, `_css_type_name`,
            # ...: an empty subclass gets them too) is not an override written here
            automatic = set(vars(type("Probe", (theirs[0],), {"__module__": name}))) if theirs else set()
            overrides += [
                f"{name}.{cls.__name__}.{attribute}"
                for attribute in vars(cls)
                if private(attribute)
                and attribute != "_abc_impl"  # set by Python's abc on every subclass
                and attribute not in automatic
                and any(attribute in vars(base) for base in theirs)
            ]
    assert overrides == [], overrides
