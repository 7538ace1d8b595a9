"""Lists and reports read from the replica only while it is current.

With `read_from_replica` in the site config (and Frappe's `replica_host`, `replica_db_port`), Frappe sends
the calls it marks read-only — list pages, counts, the sidebar, query reports, workspace pages — to the
replica, whatever state it is in: a stopped replica shows an agent a list without the case they have just
registered, and one that is down fails the call. Before each request and background job this asks the
replica how it is (SHOW REPLICA STATUS, as the site's database user, whom the replica lets read and monitor
only; `scripts/production --replica` sets that up), at most once every few seconds per site (the answer is
cached), and while the replica is unreachable, not replicating or more than `govservice_replica_max_lag`
seconds (10) behind, the request reads from the primary. The administrators are told
(govservice.setup.health; rules in govservice.domain.operations).
"""

from __future__ import annotations

from dataclasses import asdict

import frappe

from govservice.domain.operations import ReplicaStatus, replica_problem

STATUS_KEY = "govservice:replica-status"
CHECK_EVERY_SECONDS = 5
DEFAULT_MAX_LAG = 10


def max_lag() -> int:
	return int(frappe.local.conf.get("govservice_replica_max_lag") or DEFAULT_MAX_LAG)


def status() -> ReplicaStatus | None:
	"""The replica's state (cached a few seconds), or None when the site reads from no replica."""
	conf = frappe.local.conf
	if not conf.get("read_from_replica") and not frappe.local.flags.get("govservice_replica_declined"):
		return None
	cached = frappe.cache.get_value(STATUS_KEY, expires=True)  # never the process's own copy
	if cached:
		return ReplicaStatus(**cached)
	found = probe()
	frappe.cache.set_value(STATUS_KEY, asdict(found), expires_in_sec=CHECK_EVERY_SECONDS)
	return found


def probe() -> ReplicaStatus:
	"""Ask the replica itself, with short time limits: a replica that does not answer is unreachable."""
	import pymysql

	conf = frappe.local.conf
	user, password = conf.db_name, conf.db_password
	if conf.get("different_credentials_for_replica"):
		user, password = conf.replica_db_name, conf.replica_db_password
	try:
		connection = pymysql.connect(
			host=conf.get("replica_host") or "127.0.0.1",
			port=int(conf.get("replica_db_port") or 3306),
			user=user,
			password=password,
			connect_timeout=1,
			read_timeout=2,
			write_timeout=2,
			cursorclass=pymysql.cursors.DictCursor,
		)
	except Exception:
		return ReplicaStatus(reachable=False)
	try:
		with connection.cursor() as cursor:
			cursor.execute("SHOW SLAVE STATUS")
			row = cursor.fetchone()
	except Exception:  # not allowed to ask, or gone while asked: not a replica to trust
		return ReplicaStatus(reachable=False)
	finally:
		connection.close()
	if not row:  # a server that replicates from nothing
		return ReplicaStatus(reachable=True)
	lag = row.get("Seconds_Behind_Master")
	return ReplicaStatus(
		reachable=True,
		io_running=row.get("Slave_IO_Running") == "Yes",
		sql_running=row.get("Slave_SQL_Running") == "Yes",
		lag=None if lag is None else int(lag),
	)


def route_reads(*args, **kwargs) -> None:
	"""before_request and before_job: read from the primary while the replica is not current."""
	conf = frappe.local.conf
	if not conf.get("read_from_replica"):
		return
	if replica_problem(status(), max_lag()):
		conf.read_from_replica = 0  # this request's copy of the site config only
		frappe.local.flags.govservice_replica_declined = True
