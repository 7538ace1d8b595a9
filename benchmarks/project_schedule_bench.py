"""Measure the key-project timetable: schedules per second for plans of 4 stages and 30 approvals, without
and with 40 前置事项 (dependencies between approvals) each.

Run from the repository root: ``python benchmarks/project_schedule_bench.py``. Prints figures; asserts nothing.
"""

from __future__ import annotations

import dataclasses
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from govservice.domain.china_calendar import china_non_working_days
from govservice.domain.project_schedule import Approval, Stage, schedule
from govservice.domain.workdays import WorkCalendar

PLANS = 2_000
REPEATS = 5
SEED = 20261129
DEPENDENCIES = 40


def make_plans(count: int, rng: random.Random) -> list[tuple[date, list[Stage]]]:
	"""Plans of 4 stages with 30 approvals between them, some serial, some optional, some started or
	paused, each with an acceptance date in 2026."""
	plans = []
	for _ in range(count):
		sizes = [9, 8, 7, 6]
		start = date(2026, 1, 5) + timedelta(days=rng.randint(0, 300))
		stages = []
		for s, size in enumerate(sizes):
			approvals = []
			for a in range(size):
				paused = ()
				if rng.random() < 0.2:
					first = start + timedelta(days=rng.randint(0, 60))
					paused = ((first, first + timedelta(days=rng.randint(0, 10))),)
				approvals.append(
					Approval(
						f"S{s}A{a}",
						rng.randint(1, 20),
						parallel=rng.random() < 0.8,
						required=rng.random() < 0.9,
						paused=paused,
					)
				)
			overlap = rng.randint(3, 10) if s and rng.random() < 0.3 else None
			stages.append(Stage(f"S{s}", rng.randint(15, 40), tuple(approvals), overlap_after_days=overlap))
		plans.append((start, stages))
	return plans


def with_dependencies(stages: list[Stage], count: int, rng: random.Random) -> list[Stage]:
	"""The plan with `count` 前置事项, each an approval needing one before it in the plan (distinct pairs)."""
	keys = [a.key for stage in stages for a in stage.approvals]
	pairs: set[tuple[int, int]] = set()
	while len(pairs) < count:
		later = rng.randrange(1, len(keys))
		pairs.add((rng.randrange(0, later), later))
	needs: dict[str, tuple[str, ...]] = {}
	for before, later in sorted(pairs):
		needs[keys[later]] = (*needs.get(keys[later], ()), keys[before])
	return [
		dataclasses.replace(
			stage,
			approvals=tuple(dataclasses.replace(a, after=needs.get(a.key, ())) for a in stage.approvals),
		)
		for stage in stages
	]


def measure(calendar: WorkCalendar, plans, label: str) -> None:
	rates = []
	for _ in range(REPEATS):
		began = time.perf_counter()
		results = [schedule(calendar, start, stages) for start, stages in plans]
		rates.append(PLANS / (time.perf_counter() - began))
	saved = [r.saved_share for r in results]
	critical = [len(r.critical_path) for r in results]
	print(f"{label}: {PLANS} plans of 4 stages / 30 approvals, {REPEATS} runs")
	print(f"  schedules per second: median {statistics.median(rates):,.0f}, best {max(rates):,.0f}")
	print(f"  share of one-after-another time saved by the plans: median {statistics.median(saved):.0%}")
	print(f"  approvals on the critical path: median {statistics.median(critical):.0f}")


def main() -> None:
	calendar = WorkCalendar(china_non_working_days([2026, 2027, 2028]), date(2026, 1, 1), date(2028, 12, 31))
	plans = make_plans(PLANS, random.Random(SEED))
	measure(calendar, plans, "without dependencies")
	rng = random.Random(SEED + 1)
	dependent = [(start, with_dependencies(stages, DEPENDENCIES, rng)) for start, stages in plans]
	measure(calendar, dependent, f"with {DEPENDENCIES} dependencies each")


if __name__ == "__main__":
	main()
