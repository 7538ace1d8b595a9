"""The site's own running told to its administrators: the rules (no Frappe) and what the hourly job and the
desk's start tell whom."""

from datetime import datetime, timedelta

import frappe

from govservice.domain.operations import Facts, Problem, problems
from govservice.setup import health
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


class TestAdministratorsAreTold(FrappeTestCase):
	def setUp(self):
		super().setUp()
		self.admin = make_user("health.admin@test.govservice", roles=("GS Administrator",))
		self.agent = make_user("health.agent@test.govservice", roles=("GS Agent",))
		for key in ("scheduler_off", "scheduler_stalled", "errors_logged", "backup_missing", "sms_refused"):
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
