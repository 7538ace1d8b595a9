"""The site's own running told to its administrators: the rules (no Frappe) and what the hourly job and the
desk's start tell whom."""

from datetime import datetime, timedelta

import frappe

from govservice.domain.operations import Facts, Problem, ReplicaStatus, problems, replica_problem
from govservice.setup import health, replica
from govservice.tests.utils import FrappeTestCase, make_user

NOW = datetime(2026, 12, 7, 10, 0)
HEALTHY = Facts(
	now=NOW,
	scheduler_enabled=True,
	last_scheduler_run=NOW - timedelta(minutes=4),
	errors_last_day=0,
	newest_backup=NOW - timedelta(hours=5),
	backup_every_hours=6,
	last_sms_refusal=None,
)


def keys(facts: Facts) -> list[str]:
	return [problem.key for problem in problems(facts)]


class TestOperationRules(FrappeTestCase):
	def test_a_healthy_site_has_nothing_to_say(self):
		self.assertEqual(problems(HEALTHY), [])

	def test_each_problem(self):
		from dataclasses import replace

		self.assertEqual(keys(replace(HEALTHY, scheduler_enabled=False)), ["scheduler_off"])
		stalled = problems(replace(HEALTHY, last_scheduler_run=NOW - timedelta(hours=3, minutes=10)))
		self.assertEqual(stalled, [Problem("scheduler_stalled", 3)])
		self.assertEqual(keys(replace(HEALTHY, last_scheduler_run=NOW - timedelta(minutes=59))), [])
		self.assertEqual(problems(replace(HEALTHY, errors_last_day=4)), [Problem("errors_logged", 4)])
		# one missed six-hourly backup is late, two are a problem; no schedule, no expectation
		self.assertEqual(keys(replace(HEALTHY, newest_backup=NOW - timedelta(hours=11))), [])
		self.assertEqual(
			problems(replace(HEALTHY, newest_backup=NOW - timedelta(hours=13))),
			[Problem("backup_missing", 13)],
		)
		self.assertEqual(keys(replace(HEALTHY, newest_backup=None)), ["backup_missing"])
		self.assertEqual(keys(replace(HEALTHY, newest_backup=None, backup_every_hours=0)), [])
		self.assertEqual(keys(replace(HEALTHY, last_sms_refusal=NOW - timedelta(hours=2))), ["sms_refused"])
		self.assertEqual(keys(replace(HEALTHY, last_sms_refusal=NOW - timedelta(hours=30))), [])

	def test_a_replica_serves_reads_only_while_current(self):
		from dataclasses import replace

		current = ReplicaStatus(reachable=True, io_running=True, sql_running=True, lag=3)
		self.assertIsNone(replica_problem(current, 10))
		self.assertIsNone(replica_problem(replace(current, lag=10), 10))
		self.assertEqual(replica_problem(replace(current, lag=11), 10), Problem("replica_lagging", 11))
		self.assertEqual(replica_problem(ReplicaStatus(reachable=False), 10), Problem("replica_unreachable"))
		for stopped in (
			replace(current, io_running=False, lag=None),  # the primary cannot be reached from the replica
			replace(current, sql_running=False, lag=None),  # an event it could not apply
			ReplicaStatus(reachable=True),  # a server that replicates from nothing
		):
			self.assertEqual(replica_problem(stopped, 10), Problem("replica_stopped"), stopped)
		self.assertEqual(keys(replace(HEALTHY, replica=current)), [])
		self.assertEqual(keys(replace(HEALTHY, replica=replace(current, lag=40))), ["replica_lagging"])


class TestAdministratorsAreTold(FrappeTestCase):
	def setUp(self):
		super().setUp()
		self.admin = make_user("health.admin@test.govservice", roles=("GS Administrator",))
		self.agent = make_user("health.agent@test.govservice", roles=("GS Agent",))
		for key in (
			"scheduler_off",
			"scheduler_stalled",
			"errors_logged",
			"backup_missing",
			"sms_refused",
			"replica_unreachable",
			"replica_stopped",
		):
			frappe.cache.delete_value(f"govservice:health-told:{key}")

	def test_each_problem_once_a_day_to_the_administrators_only(self):
		frappe.db.set_single_value("GS SMS Settings", "last_failure_on", frappe.utils.now_datetime())
		health.tell_administrators()
		told = frappe.get_all("Notification Log", filters={"for_user": self.admin}, pluck="subject")
		self.assertTrue(any("短信运营商" in subject or "SMS carrier" in subject for subject in told), told)
		self.assertFalse(frappe.get_all("Notification Log", filters={"for_user": self.agent}))
		health.tell_administrators()  # within the day: nothing more
		again = frappe.get_all("Notification Log", filters={"for_user": self.admin}, pluck="subject")
		self.assertEqual(len(again), len(told), (told, again))

	def test_the_desk_shows_the_problems_to_administrators_when_it_starts(self):
		frappe.db.set_single_value("GS SMS Settings", "last_failure_on", frappe.utils.now_datetime())
		frappe.set_user(self.admin)
		self.assertTrue(health.boot_messages())
		frappe.set_user(self.agent)
		self.assertEqual(health.boot_messages(), [])
		frappe.set_user("Administrator")


class TestReadsFromTheReplicaOnlyWhileCurrent(FrappeTestCase):
	"""A site told to read from a replica that is not there, or is no replica, reads from the primary and its
	administrators are told; the real replica is proven by scripts/production-check."""

	def setUp(self):
		super().setUp()
		self.conf = frappe.local.conf
		self.saved = {
			key: self.conf.get(key) for key in ("read_from_replica", "replica_host", "replica_db_port")
		}
		frappe.cache.delete_value(replica.STATUS_KEY)
		self.admin = make_user("replica.admin@test.govservice", roles=("GS Administrator",))

	def tearDown(self):
		self.conf.update(self.saved)
		frappe.local.flags.govservice_replica_declined = False
		frappe.cache.delete_value(replica.STATUS_KEY)
		frappe.set_user("Administrator")
		super().tearDown()

	def read_from(self, port: int) -> None:
		self.conf.update(read_from_replica=1, replica_host="127.0.0.1", replica_db_port=port)
		frappe.cache.delete_value(replica.STATUS_KEY)
		frappe.local.flags.govservice_replica_declined = False

	def test_no_replica_configured_asks_nothing(self):
		self.conf.read_from_replica = 0
		self.assertIsNone(replica.status())
		replica.route_reads()
		self.assertFalse(frappe.local.flags.govservice_replica_declined)

	def test_a_replica_that_does_not_answer(self):
		import socket

		with socket.socket() as closed:  # a port nothing listens on
			closed.bind(("127.0.0.1", 0))
			port = closed.getsockname()[1]
		self.read_from(port)
		replica.route_reads()
		self.assertEqual(self.conf.read_from_replica, 0)
		# a read Frappe marks read-only now reads from the primary and works
		from frappe.desk.reportview import get_count

		saved_form = frappe.local.form_dict
		frappe.local.form_dict = frappe._dict(doctype="User", filters={"name": "Administrator"})
		try:
			self.assertEqual(get_count(), 1)
		finally:
			frappe.local.form_dict = saved_form
		frappe.set_user(self.admin)
		messages = health.boot_messages()
		self.assertTrue(any("只读副本" in text or "read replica" in text for text in messages), messages)

	def test_a_server_that_replicates_nothing_is_no_replica(self):
		# the primary itself: the site's user may not ask it for replica status, or it has none
		self.read_from(int(frappe.conf.db_port or 3306))
		replica.route_reads()
		self.assertEqual(self.conf.read_from_replica, 0)
		self.assertIn(replica_problem(replica.status(), 10).key, ("replica_unreachable", "replica_stopped"))

	def test_the_answer_is_kept_a_few_seconds(self):
		self.read_from(1)
		replica.route_reads()
		cached = frappe.cache.get_value(replica.STATUS_KEY, expires=True)
		self.assertEqual(cached["reachable"], False)
		ttl = frappe.cache.ttl(frappe.cache.make_key(replica.STATUS_KEY))
		self.assertTrue(0 < ttl <= replica.CHECK_EVERY_SECONDS, ttl)
