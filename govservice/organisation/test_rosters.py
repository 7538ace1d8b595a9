"""The roster jobs: next month generated from the rotation, and villages without anyone on duty reported."""

import frappe
from frappe.utils import getdate

from govservice.organisation.doctype.gs_calendar_year.gs_calendar_year import ensure_calendar_years
from govservice.organisation.rosters import generate_next_month_rosters, warn_villages_without_duty
from govservice.tests.utils import FrappeTestCase, make_agent, make_centre, make_user


class TestRosterJobs(FrappeTestCase):
	def setUp(self):
		ensure_calendar_years([2026, 2027])
		county = make_centre("值班测试县", "County")
		self.town = make_centre("值班测试镇", "Township", county)
		self.village = make_centre("值班测试村", "Village", self.town)
		self.empty_village = make_centre("无人值班村", "Village", self.town)
		self.agents = sorted(
			make_agent(f"roster.{key}@test.govservice", self.village).name for key in ("a", "b", "c")
		)
		self.supervisor = make_user("roster.supervisor@test.govservice", roles=("GS Supervisor",))
		town = frappe.get_doc("GS Service Centre", self.town)
		town.supervisor = self.supervisor
		town.save()

	def roster_of(self, start: str):
		name = frappe.db.get_value("GS Duty Roster", {"service_centre": self.village, "from_date": start})
		return frappe.get_doc("GS Duty Roster", name) if name else None

	def test_next_month_is_generated_once_and_carries_on_the_turn(self):
		self.assertEqual(generate_next_month_rosters("2026-11-15"), [])  # too early in the month
		november = frappe.get_doc(
			{
				"doctype": "GS Duty Roster",
				"service_centre": self.village,
				"from_date": "2026-11-01",
				"to_date": "2026-11-30",
			}
		)
		november.fill_working_days()
		november.insert()
		last_in_november = november.entries[-1].agent
		generate_next_month_rosters("2026-11-25")
		december = self.roster_of("2026-12-01")
		self.assertIsNotNone(december)
		working_days = december.working_days()
		self.assertEqual([getdate(row.duty_date) for row in december.entries], working_days)
		expected_first = self.agents[(self.agents.index(last_in_november) + 1) % len(self.agents)]
		self.assertEqual(december.entries[0].agent, expected_first)
		self.assertEqual(generate_next_month_rosters("2026-11-26"), [])  # nothing twice
		self.assertFalse(frappe.db.exists("GS Duty Roster", {"service_centre": self.empty_village}))

	def test_a_village_without_anyone_on_duty_is_reported_once(self):
		uncovered = warn_villages_without_duty("2026-12-01")
		self.assertIn(self.empty_village, uncovered)
		self.assertIn(self.village, uncovered)  # no roster yet for this day either
		logs = frappe.get_all(
			"Notification Log",
			filters={"for_user": self.supervisor, "document_name": self.empty_village},
			pluck="name",
		)
		self.assertEqual(len(logs), 1)
		warn_villages_without_duty("2026-12-01")
		self.assertEqual(
			len(
				frappe.get_all(
					"Notification Log",
					filters={"for_user": self.supervisor, "document_name": self.empty_village},
				)
			),
			1,
		)
		self.assertEqual(warn_villages_without_duty("2026-12-05"), [])  # a Saturday: nobody needed
