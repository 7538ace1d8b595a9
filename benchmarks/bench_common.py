"""What every benchmark shares: a site made for tests only, settings put back however the run ends, and one
way to time a call.

A benchmark measures; it never leaves accounts, settings or records on a site it was not given as a scratch
site. `open_test_site` refuses a site whose configuration does not allow tests (scripts/test's site allows
them; set `allow_tests` only on a scratch site). `restored_settings` puts back every single value it is given
to change, on success, on an error, on Ctrl-C and on SIGTERM.
"""

from __future__ import annotations

import contextlib
import signal
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

# Run as scripts: the repository root is not on sys.path by itself.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def open_test_site(site: str) -> None:
	"""frappe.init + connect, refusing a site not made for tests (see govservice.tests.guard)."""
	import frappe

	from govservice.tests.guard import NotATestSite, require_test_site

	frappe.init(site=site, sites_path=".")
	frappe.connect()
	try:
		require_test_site()
	except NotATestSite as refused:
		frappe.destroy()
		raise SystemExit(f"refused: {refused}") from None


@contextlib.contextmanager
def terminated_as_exit() -> Iterator[None]:
	"""SIGTERM and SIGHUP end the run through `finally` blocks, like Ctrl-C does."""

	def stop(signum, _frame):
		raise SystemExit(128 + signum)

	previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
	try:
		yield
	finally:
		for sig, handler in previous.items():
			signal.signal(sig, handler)


@contextlib.contextmanager
def restored_settings(site: str, doctype: str, values: dict) -> Iterator[dict]:
	"""Set single values of `doctype` for the run and put the previous ones back when it ends, whichever
	way. Opens its own connection for each step, so it works around a run that holds none."""
	import frappe

	def apply(new: dict) -> dict:
		open_test_site(site)
		try:
			old = {field: frappe.db.get_single_value(doctype, field) for field in new}
			frappe.db.set_single_value(doctype, new)
			frappe.db.commit()
			return old
		finally:
			frappe.destroy()

	with terminated_as_exit():
		previous = apply(values)
		try:
			yield previous
		finally:
			apply(previous)
			print(f"restored {doctype}: {previous}", flush=True)


class Counted(NamedTuple):
	seconds: float
	queries: int  # SQL statements other than INSERTs
	inserts: int  # INSERT statements (a bulk insert writes many rows with one)
	result: object


def counted(job: Callable[[], object]) -> Counted:
	"""Run `job` once: its time, the SQL statements it sent (reads and updates; INSERTs apart) and its
	result. The one way the benchmarks count queries (frappe.db.sql is wrapped for the run only)."""
	import frappe

	original = frappe.db.sql
	queries = inserts = 0

	def counting_sql(query, *args, **kwargs):
		nonlocal queries, inserts
		if str(query).lstrip().lower().startswith("insert"):
			inserts += 1
		else:
			queries += 1
		return original(query, *args, **kwargs)

	frappe.db.sql = counting_sql
	try:
		start = time.perf_counter()
		result = job()
		return Counted(time.perf_counter() - start, queries, inserts, result)
	finally:
		frappe.db.sql = original


def percentile(values: list[float], share: float) -> float:
	ordered = sorted(values)
	return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def timings(call: Callable[[], object], repeat: int, warm_up: int = 1) -> dict:
	"""Time `call` `repeat` times after `warm_up` untimed calls: median and p95 in milliseconds."""
	for _ in range(warm_up):
		call()
	times = []
	for _ in range(repeat):
		start = time.perf_counter()
		call()
		times.append((time.perf_counter() - start) * 1000)
	return {"median_ms": round(statistics.median(times), 1), "p95_ms": round(percentile(times, 0.95), 1)}
