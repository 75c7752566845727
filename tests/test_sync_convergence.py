"""Convergence, proven by example: three journals edited at random (deletes, edits of one record on two machines,
undo, goal re-parenting), synced through one folder whose files arrive late, out of order and half-copied, end
identical once everyone has synced everything, and nothing that nobody deleted is missing."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .syncdriver import OPS, Machine, SharedFolder

TEXT = st.sampled_from(["plan", "Plan B", "talk #growth", "draft", "review", "écrire"])
# (what, machine, command, its numbers, text, which file, where a half copy ends, seconds to wait), weighted by what:
# 0-11 a command (goals and re-parenting more likely), 12-14 a sync, 15-18 a file arrives, 19 time passes
WEIGHTED_OPS = (*OPS, "goal", "reparent", "reparent", "edit_goal", "delete")
STEP = st.tuples(
    st.integers(0, 19),
    st.integers(0, 2),
    st.sampled_from(WEIGHTED_OPS),
    st.tuples(*[st.integers(0, 6)] * 3),
    TEXT,
    st.integers(0, 50),
    st.none() | st.integers(0, 4000),
    st.integers(1, 3600),
)
SKEWS = st.sampled_from([timedelta(0), timedelta(hours=-3), timedelta(minutes=2), timedelta(hours=-23)])


def play(steps: list[tuple], skews: tuple[timedelta, ...]) -> tuple[list[Machine], SharedFolder]:
    folder = SharedFolder()
    machines = [Machine(f"m{number}", folder, skew) for number, skew in enumerate(skews)]
    for what, who, op, args, text, pick, cut, seconds in steps:
        if what < 12:
            machines[who].run(op, args, text)
        elif what < 15:
            machines[who].sync()
        elif what < 19:
            folder.propagate(machines[who].name, pick, cut)
        else:
            for machine in machines:
                machine.world += timedelta(seconds=seconds)
    for _ in range(2):
        for machine in machines:
            folder.propagate_all()
            machine.sync()
    return machines, folder


def check_converged(machines: list[Machine], folder: SharedFolder) -> None:
    dumps = [machine.dump() for machine in machines]
    assert dumps[1] == dumps[0]
    assert dumps[2] == dumps[0]
    final = {uuid for table in dumps[0].values() for uuid in table}
    removed = set().union(*(machine.removed for machine in machines))
    created = set().union(*(machine.uuids() for machine in machines)) | removed
    # a progress update or topic made on one machine for a goal or person deleted on another cannot exist
    # alone: it waits aside (and comes back if the goal or person does)
    aside = machines[0].db.execute("SELECT uuid, record FROM sync_pending")
    waiting = {uuid: json.loads(record) for uuid, record in aside}
    for uuid in created - removed - final:
        assert uuid in waiting
        needs = {waiting[uuid].get(key) for key in ("goal_uuid", "person_uuid", "skill_uuid", "rater_uuid")} - {None}
        assert needs & removed and not needs <= final
    for machine in machines:
        assert machine.goal_loops() == []
        assert machine.db.execute("PRAGMA foreign_key_check").fetchall() == []
        folder.propagate_all()
        again = machine.sync()
        assert (again.sent, again.changed, again.deleted) == (0, 0, 0)
    assert machines[0].dump() == dumps[0]


def converge(steps: list[tuple], skews: tuple[timedelta, ...]) -> None:
    check_converged(*play(steps, skews))


SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}


@settings(max_examples=150, **SETTINGS)  # type: ignore[arg-type]
@given(steps=st.lists(STEP, min_size=5, max_size=50), skews=st.tuples(SKEWS, SKEWS, SKEWS))
def test_three_journals_converge_after_everyone_syncs_everything(steps: list[tuple], skews: tuple) -> None:
    converge(steps, skews)


@pytest.mark.slow
@settings(max_examples=2000, **SETTINGS)  # type: ignore[arg-type]
@given(steps=st.lists(STEP, min_size=10, max_size=80), skews=st.tuples(SKEWS, SKEWS, SKEWS))
def test_three_journals_converge_over_thousands_of_histories(steps: list[tuple], skews: tuple) -> None:
    converge(steps, skews)
