"""China's working-day calendar as stored in ERPNext Holiday Lists, for deadline arithmetic.

One Holiday List per year ("2026年工作日历" on a Chinese site, "China Working Calendar 2026" otherwise), generated from the `holidays` library by
GS Calendar Year. The arithmetic lives in govservice.domain.workdays; this module loads it and caches it
per process, rebuilt when any calendar year changes.
"""

import datetime

import frappe
from frappe.utils import getdate

from govservice.domain.workdays import WorkCalendar

VERSION_KEY = "govservice:calendar_version"
_calendars: dict[str, tuple[str, WorkCalendar]] = {}


def holiday_list_name(year: int) -> str:
	"""The Holiday List of `year`: the one its calendar year links, or the name a new one gets, in the site's
	language (names the app creates read in the county's language)."""
	linked = frappe.db.get_value("GS Calendar Year", year, "holiday_list")
	if linked and frappe.db.exists("Holiday List", linked):
		return linked
	language = frappe.db.get_single_value("System Settings", "language") or "en"
	return calendar_name(year, language)


# the calendars' names in the county's language, known without compiled translations (a migrate that
# renames them may run before the translations are built)
CALENDAR_NAMES = {"zh": "{0}年工作日历"}


def calendar_name(year: int, language: str) -> str:
	return CALENDAR_NAMES.get((language or "en")[:2], "China Working Calendar {0}").format(year)


def name_calendars_in_site_language() -> bool:
	"""Calendars the app named before the site's language was set (at install, before the setup wizard)
	take the site's names: on a Chinese site "China Working Calendar 2026" becomes 2026年工作日历. Returns
	whether any was renamed."""
	language = frappe.db.get_single_value("System Settings", "language") or "en"
	renamed = False
	for row in frappe.get_all("GS Calendar Year", fields=["name", "year", "holiday_list"]):
		new = calendar_name(row.year, language)
		if (row.holiday_list or "").startswith("China Working Calendar ") and new != row.holiday_list:
			if frappe.db.exists("Holiday List", new):
				continue
			frappe.rename_doc("Holiday List", row.holiday_list, new, force=True)
			frappe.db.set_value("GS Calendar Year", row.name, "holiday_list", new, update_modified=False)
			renamed = True
	if renamed:
		invalidate_calendar()
	return renamed


def get_work_calendar() -> WorkCalendar:
	"""The working-day calendar over every generated year, cached until a year changes."""
	version = frappe.cache.get_value(VERSION_KEY) or "0"
	cached = _calendars.get(frappe.local.site)
	if cached and cached[0] == version:
		return cached[1]
	calendar = _load_calendar()
	_calendars[frappe.local.site] = (version, calendar)
	return calendar


def provisional_years() -> list[int]:
	"""Years whose arrangement of holidays and make-up workdays is not official yet (GS Calendar Year)."""
	return frappe.get_all(
		"GS Calendar Year", filters={"is_provisional": 1}, pluck="year", order_by="year asc"
	)


def is_provisional(day) -> bool:
	"""Whether a deadline on `day` may still move when its year's official arrangement comes out."""
	return bool(day) and getdate(day).year in provisional_years()


def invalidate_calendar(*args, **kwargs) -> None:
	"""Drop every process's cached calendar (called when a year or its Holiday List changes)."""
	frappe.cache.set_value(VERSION_KEY, frappe.generate_hash(length=10))
	_calendars.pop(getattr(frappe.local, "site", None), None)


def on_holiday_list_update(doc, method=None) -> None:
	if frappe.db.exists("GS Calendar Year", {"holiday_list": doc.name}) or doc.name.startswith(
		"China Working Calendar "
	):
		invalidate_calendar()


def _load_calendar() -> WorkCalendar:
	years = frappe.get_all("GS Calendar Year", fields=["year", "holiday_list"], order_by="year asc")
	if not years:
		frappe.throw(
			frappe._("No working-day calendar has been generated yet. Create a GS Calendar Year first."),
			title=frappe._("Working-day Calendar"),
		)
	days = frappe.get_all(
		"Holiday",
		filters={"parenttype": "Holiday List", "parent": ["in", [y.holiday_list for y in years]]},
		pluck="holiday_date",
	)
	return WorkCalendar(
		(getdate(day) for day in days),
		datetime.date(years[0].year, 1, 1),
		datetime.date(years[-1].year, 12, 31),
	)


def add_working_days(start: datetime.date | str, days: int, paused=()) -> datetime.date:
	"""The deadline `days` working days after `start` (see WorkCalendar.add_working_days)."""
	return get_work_calendar().add_working_days(getdate(start), int(days), paused)


def count_working_days(start: datetime.date | str, end: datetime.date | str, paused=()) -> int:
	return get_work_calendar().count_working_days(getdate(start), getdate(end), paused)


def is_working_day(day: datetime.date | str) -> bool:
	return get_work_calendar().is_working_day(getdate(day))
