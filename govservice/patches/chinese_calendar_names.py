"""On a Chinese site the working-day calendars the app made in English ("China Working Calendar 2026") take
their Chinese names and descriptions (2026年工作日历, 春节, 周末); every year is marked provisional or not."""

import frappe

from govservice.organisation.calendar import invalidate_calendar, name_calendars_in_site_language


def execute() -> None:
	name_calendars_in_site_language()
	for name in frappe.get_all("GS Calendar Year", pluck="name"):
		frappe.get_doc("GS Calendar Year", name).generate()
	invalidate_calendar()
