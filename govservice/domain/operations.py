"""What an administrator must hear about the site's own running (no Frappe): the scheduler off or stalled,
errors logged (failed background jobs among them), a backup that did not happen, the SMS carrier refusing,
the read replica behind, stopped or unreachable (lists and reports then read from the primary).

Each problem is a key with its figures; the site says it in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

# the scheduler enqueues its frequent jobs every few minutes: an hour without a run is a stall
SCHEDULER_STALL = timedelta(hours=1)
RECENT = timedelta(hours=24)


@dataclass(frozen=True)
class ReplicaStatus:
	"""What the replica says of itself (SHOW REPLICA STATUS), or that it could not be asked."""

	reachable: bool
	io_running: bool = False
	sql_running: bool = False
	lag: int | None = None  # Seconds_Behind_Master; None while a thread is stopped


@dataclass(frozen=True)
class Facts:
	now: datetime
	scheduler_enabled: bool
	last_scheduler_run: datetime | None
	errors_last_day: int
	newest_backup: datetime | None
	backup_every_hours: int  # 0: backups are not scheduled on this site (development, tests)
	last_sms_refusal: datetime | None
	replica: ReplicaStatus | None = None  # None: the site reads from no replica
	replica_max_lag: int = 10


@dataclass(frozen=True)
class Problem:
	key: str
	figure: int = 0


def problems(facts: Facts) -> list[Problem]:
	found: list[Problem] = []
	if not facts.scheduler_enabled:
		found.append(Problem("scheduler_off"))
	elif facts.last_scheduler_run is None or facts.now - facts.last_scheduler_run > SCHEDULER_STALL:
		hours = hours_since(facts.now, facts.last_scheduler_run)
		found.append(Problem("scheduler_stalled", hours))
	if facts.errors_last_day:
		found.append(Problem("errors_logged", facts.errors_last_day))
	if facts.backup_every_hours:
		# one missed run is a late backup; two are a problem
		allowed = timedelta(hours=2 * facts.backup_every_hours)
		if facts.newest_backup is None or facts.now - facts.newest_backup > allowed:
			found.append(Problem("backup_missing", hours_since(facts.now, facts.newest_backup)))
	if facts.last_sms_refusal and facts.now - facts.last_sms_refusal <= RECENT:
		found.append(Problem("sms_refused"))
	if facts.replica is not None:
		trouble = replica_problem(facts.replica, facts.replica_max_lag)
		if trouble:
			found.append(trouble)
	return found


def replica_problem(status: ReplicaStatus, max_lag: int) -> Problem | None:
	"""Why the replica may not serve reads now, or None when it may: reachable, both replication threads
	running and at most `max_lag` seconds behind the primary."""
	if not status.reachable:
		return Problem("replica_unreachable")
	if not (status.io_running and status.sql_running) or status.lag is None:
		return Problem("replica_stopped")
	if status.lag > max_lag:
		return Problem("replica_lagging", status.lag)
	return None


def hours_since(now: datetime, then: datetime | None) -> int:
	"""Whole hours since `then`; 0 for never."""
	if then is None:
		return 0
	return max(0, int((now - then).total_seconds() // 3600))
