"""China's non-working days (public holidays, weekends and 调休 make-up workdays), per calendar year.

The dates come from the `holidays` library, which transcribes the State Council's yearly notice
(国务院办公厅关于某年部分节假日安排的通知). A year whose notice the installed library does not yet carry
is computed from the statutory rules only: its holidays are a best guess and it has no make-up
workdays, so keep the library current (the notice is usually published in November).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import holidays

WEEKEND_DESCRIPTION = "Weekend"


def _china_holidays(years: set[int]) -> holidays.HolidayBase:
	# A make-up workday can belong to the next year's arrangement (e.g. 2001-12-29 for New Year 2002),
	# so the neighbouring years are loaded too and the results are filtered back to `years`.
	loaded = years | {year + 1 for year in years} | {year - 1 for year in years}
	return holidays.China(years=sorted(loaded), language="en_US")


def china_makeup_workdays(years: Iterable[int]) -> set[datetime.date]:
	"""Return the 调休 make-up workdays of the given years: the Saturdays and Sundays that are working days."""
	wanted = set(years)
	if not wanted:
		return set()
	calendar = _china_holidays(wanted)
	return {
		day
		for day in calendar.weekend_workdays
		if day.year in wanted and day.weekday() in calendar.weekend and day not in calendar
	}


def china_non_working_days(years: Iterable[int]) -> dict[datetime.date, str]:
	"""Return every non-working day of the given years mapped to an English description.

	Saturdays and Sundays are described as "Weekend" unless they are 调休 make-up workdays (then they are
	left out); public holidays, including the weekdays taken off in exchange for make-up workdays, carry
	the library's English name, which also wins over "Weekend" for a holiday falling on a weekend.
	"""
	wanted = set(years)
	if not wanted:
		return {}
	calendar = _china_holidays(wanted)
	makeup = {day for day in calendar.weekend_workdays if day.year in wanted}
	result: dict[datetime.date, str] = {}
	for year in sorted(wanted):
		day = datetime.date(year, 1, 1)
		one_day = datetime.timedelta(days=1)
		while day.year == year:
			if day.weekday() in calendar.weekend and day not in makeup:
				result[day] = WEEKEND_DESCRIPTION
			day += one_day
	for day, name in calendar.items():
		if day.year in wanted:
			result[day] = name
	return dict(sorted(result.items()))
