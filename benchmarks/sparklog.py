"""Where a Spark job's wall time went: its task slots' occupancy over time, from Spark's own event log.

The wall time of ``local[2]`` against ``local[1]`` says how much the second slot helped, not why it did
not help more. Spark's event log (``spark.eventLog.enabled``, written uncompressed here so it needs no
codec) holds every task's launch and finish time and stage; from those this module rebuilds, for the
job's span, how long 0, 1, 2 … tasks were running at once, and which stages the time with a slot idle
belongs to. Time with no task running is the driver's (listing, the union–find of resolution, stage
hand-overs) or the Python daemon's start-up (the first task of the job waits for it). On a loaded machine
every span stretches, but the shape (which stretch runs on one slot only) stays.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Timeline:
    """Tasks of one application as (launch, finish, stage) in seconds, and its stages' names."""

    tasks: list[tuple[float, float, int]] = field(default_factory=list)
    stage_names: dict[int, str] = field(default_factory=dict)

    def occupancy(self, start: float, end: float) -> dict[int, float]:
        """Seconds between ``start`` and ``end`` during which exactly k tasks ran, for every k seen."""
        edges: list[tuple[float, int]] = []
        for a, b, _ in self.tasks:
            a, b = max(a, start), min(b, end)
            if b > a:
                edges += [(a, 1), (b, -1)]
        edges.sort()
        out: dict[int, float] = {}
        running, at = 0, start
        for t, step in [*edges, (end, 0)]:
            out[running] = out.get(running, 0.0) + max(t - at, 0.0)
            running, at = running + step, max(t, at)
        return out

    def one_slot_by_stage(self, start: float, end: float) -> dict[str, float]:
        """Seconds during which exactly one task ran, charged to that task's stage (by stage name)."""
        edges: list[tuple[float, int, int]] = []
        for a, b, stage in self.tasks:
            a, b = max(a, start), min(b, end)
            if b > a:
                edges += [(a, 1, stage), (b, -1, stage)]
        edges.sort()
        running: dict[int, int] = {}
        out: dict[str, float] = {}
        at = start
        for t, step, stage in edges:
            live = [s for s, n in running.items() for _ in range(n)]
            if len(live) == 1:
                name = self.stage_names.get(live[0], str(live[0]))
                out[name] = out.get(name, 0.0) + t - at
            running[stage] = running.get(stage, 0) + step
            at = t
        return out


def _name(info: dict) -> str:
    """A stage's name as Spark gives it (the call site), shortened to the function that ran it."""
    raw = str(info.get("Stage Name") or info.get("Stage ID"))
    return raw.split(" at ")[0]


def read_log(lines: Iterable[str]) -> Timeline:
    tl = Timeline()
    for line in lines:
        event = json.loads(line)
        kind = event.get("Event")
        if kind == "SparkListenerTaskEnd":
            info = event["Task Info"]
            tl.tasks.append((info["Launch Time"] / 1000, info["Finish Time"] / 1000, event["Stage ID"]))
        elif kind == "SparkListenerStageSubmitted":
            info = event["Stage Info"]
            tl.stage_names[info["Stage ID"]] = _name(info)
    return tl


def read_dir(folder: Path) -> Timeline:
    """The timeline of the one application whose uncompressed event log is in ``folder``.

    Spark writes an application's log as ``events_<n>_<app>`` files (more than one when it rolls them over),
    next to status and checksum files, in a directory of its own.
    """
    apps = [d for d in folder.iterdir() if d.is_dir()]
    if len(apps) != 1:
        raise ValueError(f"expected one application's event log in {folder}, found {len(apps)}")
    files = sorted(apps[0].glob("events_*"), key=lambda p: int(p.name.split("_")[1]))
    if not files:
        raise ValueError(f"no event log in {apps[0]}")
    tl = Timeline()
    for path in files:
        with path.open(encoding="utf-8") as fh:
            part = read_log(fh)
        tl.tasks += part.tasks
        tl.stage_names.update(part.stage_names)
    return tl


def describe(tl: Timeline, start: float, end: float, slots: int) -> str:
    occ = tl.occupancy(start, end)
    parts = ", ".join(f"{k} running {occ.get(k, 0.0):.1f} s" for k in range(max([slots, *occ]) + 1) if k in occ)
    idle = sorted(tl.one_slot_by_stage(start, end).items(), key=lambda kv: -kv[1])
    one = "; ".join(f"{name} {secs:.1f} s" for name, secs in idle[:5] if secs >= 0.05)
    return f"tasks over {end - start:.1f} s wall: {parts}" + (f"; one task alone in: {one}" if one else "")
