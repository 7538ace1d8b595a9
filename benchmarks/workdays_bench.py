"""Measure working-day deadline arithmetic: the indexed WorkCalendar against a day-by-day walk.

Run from the repository root: ``python benchmarks/workdays_bench.py``. It prints figures and always exits
0 unless the two methods disagree; it is a measurement, not a test.
"""

from __future__ import annotations

import gc
import random
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

# Runs as a script, so the repository root is not on sys.path by itself.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from govservice.domain.china_calendar import china_non_working_days
from govservice.domain.workdays import WorkCalendar, naive_add_working_days

PAIRS = 100_000
SEED = 20260101
FIRST_START = date(2025, 1, 1)
LAST_START = date(2026, 12, 31)
MAX_DAYS = 60
TARGET_SPEED_UP = 20.0
REPEATS = 7


def make_pairs(count: int, seed: int) -> list[tuple[date, int]]:
	"""Return `count` reproducible random (start date, N) pairs with starts in 2025..2026 and N in 0..60."""
	rng = random.Random(seed)
	span = (LAST_START - FIRST_START).days
	return [
		(FIRST_START + timedelta(days=rng.randint(0, span)), rng.randint(0, MAX_DAYS)) for _ in range(count)
	]


def best_of(repeats: int, run: Callable[[], list[date]]) -> tuple[float, list[date]]:
	"""Run `run` `repeats` times with the garbage collector paused; return the fastest time and the result.

	The minimum is the figure least disturbed by other load on the machine, as with `timeit`.
	"""
	best = float("inf")
	result: list[date] = []
	collecting = gc.isenabled()
	gc.disable()
	try:
		for _ in range(repeats):
			began = time.perf_counter()
			result = run()
			best = min(best, time.perf_counter() - began)
	finally:
		if collecting:
			gc.enable()
	return best, result


def main() -> int:
	"""Build the calendar, time both methods over the same pairs, check they agree and print the figures."""
	began = time.perf_counter()
	non_working = china_non_working_days([2025, 2026, 2027])
	loaded = time.perf_counter()
	calendar = WorkCalendar(non_working, date(2025, 1, 1), date(2027, 12, 31))
	built = time.perf_counter()
	non_working_set = set(non_working)
	pairs = make_pairs(PAIRS, SEED)

	add = calendar.add_working_days
	indexed_seconds, indexed = best_of(REPEATS, lambda: [add(start, days) for start, days in pairs])
	naive_seconds, naive = best_of(
		REPEATS, lambda: [naive_add_working_days(non_working_set, start, days) for start, days in pairs]
	)

	mismatches = sum(1 for a, b in zip(indexed, naive, strict=True) if a != b)

	print(
		f"workday deadlines: {PAIRS} (date, N) pairs, seed {SEED}, N in 0..{MAX_DAYS}, best of {REPEATS} runs"
	)
	print(
		f"calendar build:       {(loaded - began) * 1000:.1f} ms holidays 2025-2027 "
		f"({len(non_working)} non-working days), {(built - loaded) * 1000:.1f} ms index"
	)
	print(f"calendar (indexed):   {PAIRS / indexed_seconds:,.0f} per second ({indexed_seconds:.2f} s)")
	print(f"naive day-by-day:     {PAIRS / naive_seconds:,.0f} per second ({naive_seconds:.2f} s)")
	print(f"speed-up: {naive_seconds / indexed_seconds:.1f}x (target >= {TARGET_SPEED_UP:.0f}x)")
	if mismatches:
		print(f"MISMATCH: {mismatches} of {PAIRS} deadlines differ between the two methods")
		return 1
	print(f"results identical: all {PAIRS} deadlines agree")
	return 0


if __name__ == "__main__":
	sys.exit(main())
