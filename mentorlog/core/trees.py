"""Goals in tree order (each followed by its milestones) and sparklines. Pure, and light: the goals and skills
lists need only these, not the report dataclasses of reports.py (which re-exports them)."""

from __future__ import annotations

from typing import Protocol, TypeVar

SPARK = "▁▂▃▄▅▆▇█"
SPARK_POINTS = 60  # the latest ratings shown in a sparkline


def sparkline(values: list[int], low: int = 1, high: int = 5) -> str:
    span = max(high - low, 1)
    return "".join(SPARK[round((value - low) / span * (len(SPARK) - 1))] for value in values)


class TreeNode(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def parent_id(self) -> int | None: ...


Node = TypeVar("Node", bound=TreeNode)


def goal_tree(goals: list[Node]) -> list[tuple[Node, int]]:
    """Goals in tree order: each goal followed by its milestones (at any depth), with the depth."""
    ids = {goal.id for goal in goals}
    children: dict[int | None, list[Node]] = {}
    for goal in goals:
        children.setdefault(goal.parent_id if goal.parent_id in ids else None, []).append(goal)
    ordered: list[tuple[Node, int]] = []
    seen: set[int] = set()
    stack: list[tuple[Node, int]] = [(goal, 0) for goal in reversed(children.get(None, []))]
    while stack:  # iterative: a deep chain of milestones cannot exhaust the recursion limit
        goal, depth = stack.pop()
        if goal.id in seen:
            continue
        seen.add(goal.id)
        ordered.append((goal, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(goal.id, [])))
    return ordered
