"""On a Chinese site the working-day calendars the app made in English ("China Working Calendar 2026") take
their Chinese names and descriptions (2026年工作日历, 春节, 周末); every year is marked provisional or not."""

import frappe

from govservice.organisation.calendar import calendar_name, invalidate_calendar


def execute() -> None:
	language = frappe.db.get_single_value("System Settings", "language") or "en"
	for row in frappe.get_all("GS Calendar Year", fields=["name", "year", "holiday_list"]):
		if language.startswith("zh") and (row.holiday_list or "").startswith("China Working Calendar "):
			new = calendar_name(row.year, language)
			if new != row.holiday_list and not frappe.db.exists("Holiday List", new):
				frappe.rename_doc("Holiday List", row.holiday_list, new, force=True)
				frappe.db.set_value("GS Calendar Year", row.name, "holiday_list", new, update_modified=False)
		frappe.get_doc("GS Calendar Year", row.name).generate()
	invalidate_calendar()
