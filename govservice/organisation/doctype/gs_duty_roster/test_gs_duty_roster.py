import datetime

import frappe

from govservice.organisation.doctype.gs_calendar_year.gs_calendar_year import ensure_calendar_years
from govservice.organisation.doctype.gs_duty_roster.gs_duty_roster import DutyRosterError
from govservice.tests.utils import FrappeTestCase, make_agent, make_centre


class TestGSDutyRoster(FrappeTestCase):
	def setUp(self):
		ensure_calendar_years([2026])
		county = make_centre("测试县", "County")
		town = make_centre("戊镇", "Township", county)
		self.village = make_centre("戊镇一村", "Village", town)
		self.a = make_agent("duty.a@test.govservice", self.village).name
		self.b = make_agent("duty.b@test.govservice", self.village).name
		self.outsider = make_agent("duty.out@test.govservice", town).name

	def roster(self, entries=(), start="2026-02-09", end="2026-02-28"):
		return frappe.get_doc(
			{
				"doctype": "GS Duty Roster",
				"service_centre": self.village,
				"from_date": start,
				"to_date": end,
				"entries": [{"duty_date": day, "agent": agent} for day, agent in entries],
			}
		)

	def test_fill_covers_every_working_day_across_spring_festival(self):
		roster = self.roster()
		roster.fill_working_days()
		roster.insert()
		days = [row.duty_date for row in roster.entries]
		dates = {frappe.utils.getdate(d) for d in days}
		# 2026-02-14 and 02-28 are make-up Saturdays (调休上班); 02-16..20 and 02-23 are Spring Festival days off.
		self.assertIn(datetime.date(2026, 2, 14), dates)
		self.assertIn(datetime.date(2026, 2, 28), dates)
		for day_off in (16, 17, 18, 19, 20, 23):
			self.assertNotIn(datetime.date(2026, 2, day_off), dates)
		self.assertNotIn(datetime.date(2026, 2, 21), dates)
		self.assertEqual(len(dates), len(days))
		self.assertEqual({row.agent for row in roster.entries}, {self.a, self.b})

	def test_village_roster_with_a_gap_is_refused(self):
		roster = self.roster()
		roster.fill_working_days()
		roster.entries = [row for row in roster.entries if str(row.duty_date) != "2026-02-14"]
		with self.assertRaises(DutyRosterError) as caught:
			roster.insert()
		self.assertIn("2026-02-14", str(caught.exception))

	def test_two_agents_on_one_village_day_are_refused(self):
		roster = self.roster([("2026-02-09", self.a), ("2026-02-09", self.b)], end="2026-02-09")
		self.assertRaises(DutyRosterError, roster.insert)

	def test_agent_of_another_centre_is_refused(self):
		roster = self.roster([("2026-02-09", self.outsider)], end="2026-02-09")
		self.assertRaises(DutyRosterError, roster.insert)
