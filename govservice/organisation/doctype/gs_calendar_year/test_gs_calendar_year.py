import datetime

import frappe
from frappe.utils import getdate

from govservice.organisation.calendar import (
	add_working_days,
	holiday_list_name,
	invalidate_calendar,
	is_working_day,
)
from govservice.organisation.doctype.gs_calendar_year.gs_calendar_year import ensure_calendar_years
from govservice.tests.utils import FrappeTestCase


def holiday_dates(year: int) -> set[datetime.date]:
	return {
		getdate(d)
		for d in frappe.get_all("Holiday", filters={"parent": holiday_list_name(year)}, pluck="holiday_date")
	}


class TestGSCalendarYear(FrappeTestCase):
	def setUp(self):
		ensure_calendar_years([2026])

	def tearDown(self):
		frappe.db.rollback()
		invalidate_calendar()

	def test_generated_holiday_list_follows_china_2026(self):
		days = holiday_dates(2026)
		self.assertIn(datetime.date(2026, 2, 16), days)  # Spring Festival
		self.assertIn(datetime.date(2026, 10, 3), days)  # National Day on a Saturday
		self.assertIn(datetime.date(2026, 3, 7), days)  # an ordinary Saturday
		self.assertNotIn(datetime.date(2026, 2, 14), days)  # make-up Saturday (调休上班)
		self.assertNotIn(datetime.date(2026, 10, 10), days)  # make-up Saturday after National Day
		self.assertNotIn(datetime.date(2026, 2, 13), days)
		year = frappe.get_doc("GS Calendar Year", 2026)
		self.assertIn("2026-02-14", year.makeup_workdays)

	def test_deadlines_across_holidays(self):
		self.assertEqual(add_working_days("2026-02-13", 1), datetime.date(2026, 2, 14))
		self.assertEqual(add_working_days("2026-02-14", 1), datetime.date(2026, 2, 24))
		self.assertEqual(add_working_days("2026-09-30", 1), datetime.date(2026, 10, 8))
		self.assertEqual(add_working_days("2026-09-30", 3), datetime.date(2026, 10, 10))

	def test_local_adjustment_changes_the_calendar(self):
		year = frappe.get_doc("GS Calendar Year", 2026)
		year.append("adjustments", {"adjustment_date": "2026-07-01", "is_working_day": 0, "reason": "县庆"})
		year.append(
			"adjustments", {"adjustment_date": "2026-03-07", "is_working_day": 1, "reason": "集中办理日"}
		)
		year.save()
		days = holiday_dates(2026)
		self.assertIn(datetime.date(2026, 7, 1), days)
		self.assertNotIn(datetime.date(2026, 3, 7), days)
		self.assertFalse(is_working_day("2026-07-01"))
		self.assertTrue(is_working_day("2026-03-07"))

	def test_regenerating_keeps_manual_holiday_list_edits(self):
		holiday_list = frappe.get_doc("Holiday List", holiday_list_name(2026))
		holiday_list.append("holidays", {"holiday_date": "2026-06-01", "description": "防汛停办"})
		holiday_list.holidays = [h for h in holiday_list.holidays if str(h.holiday_date) != "2026-03-14"]
		holiday_list.save()

		year = frappe.get_doc("GS Calendar Year", 2026)
		year.regenerate()

		days = holiday_dates(2026)
		self.assertIn(datetime.date(2026, 6, 1), days)
		self.assertNotIn(datetime.date(2026, 3, 14), days)
		year.reload()
		kept = {(str(row.adjustment_date), row.is_working_day) for row in year.adjustments}
		self.assertEqual(kept, {("2026-06-01", 0), ("2026-03-14", 1)})
		self.assertFalse(is_working_day("2026-06-01"))

	def test_invalid_year_and_adjustment_outside_year_are_refused(self):
		with self.assertRaises(frappe.ValidationError):
			frappe.get_doc({"doctype": "GS Calendar Year", "year": 1999}).insert()
		year = frappe.get_doc("GS Calendar Year", 2026)
		year.append("adjustments", {"adjustment_date": "2027-01-05", "is_working_day": 0, "reason": "x"})
		self.assertRaises(frappe.ValidationError, year.save)

	def test_a_calendar_made_before_the_site_spoke_chinese_is_renamed_by_the_setup(self):
		"""Install makes the calendars before the setup wizard sets the language: the setup names them in
		Chinese (the administrator's calendar screen showed 'China Working Calendar 2027')."""
		from govservice.setup.install import ensure_calendar

		language = frappe.db.get_single_value("System Settings", "language")
		frappe.db.set_single_value("System Settings", "language", "en")
		ensure_calendar_years([2031])
		self.assertEqual(
			frappe.db.get_value("GS Calendar Year", 2031, "holiday_list"), "China Working Calendar 2031"
		)
		frappe.db.set_single_value("System Settings", "language", "zh")
		ensure_calendar()
		self.assertEqual(frappe.db.get_value("GS Calendar Year", 2031, "holiday_list"), "2031年工作日历")
		self.assertTrue(frappe.db.exists("Holiday List", "2031年工作日历"))
		self.assertFalse(frappe.db.exists("Holiday List", "China Working Calendar 2031"))
		self.assertIn(
			"周末", frappe.get_all("Holiday", filters={"parent": "2031年工作日历"}, pluck="description")
		)
		frappe.db.set_single_value("System Settings", "language", language)
