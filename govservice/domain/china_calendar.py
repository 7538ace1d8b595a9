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
# the descriptions a Holiday List shows, in the languages the `holidays` library speaks for China
WEEKEND_DESCRIPTIONS = {"en_US": WEEKEND_DESCRIPTION, "zh_CN": "周末"}


def has_official_arrangement(year: int) -> bool:
	"""Whether the installed `holidays` library carries the State Council's arrangement (放假调休安排) for
	`year`: its special holidays or a 调休 make-up workday of that year. Without it the year is computed from
	the statutory holidays alone, a guess that can move deadlines by days when the notice comes out."""
	from holidays.countries.china import ChinaStaticHolidays

	if year in getattr(ChinaStaticHolidays, "special_public_holidays", {}):
		return True
	return any(day.year == year for day in _china_holidays({year}).weekend_workdays)


def _china_holidays(years: set[int], language: str = "en_US") -> holidays.HolidayBase:
	# A make-up workday can belong to the next year's arrangement (e.g. 2001-12-29 for New Year 2002),
	# so the neighbouring years are loaded too and the results are filtered back to `years`.
	loaded = years | {year + 1 for year in years} | {year - 1 for year in years}
	return holidays.China(years=sorted(loaded), language=language)


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


def china_non_working_days(years: Iterable[int], language: str = "en_US") -> dict[datetime.date, str]:
	"""Return every non-working day of the given years mapped to a description in `language` (en_US or
	zh_CN).

	Saturdays and Sundays are described as "Weekend" (周末) unless they are 调休 make-up workdays (then they
	are left out); public holidays, including the weekdays taken off in exchange for make-up workdays, carry
	the library's name, which also wins over "Weekend" for a holiday falling on a weekend.
	"""
	wanted = set(years)
	if not wanted:
		return {}
	weekend = WEEKEND_DESCRIPTIONS.get(language, WEEKEND_DESCRIPTION)
	calendar = _china_holidays(wanted, language if language in WEEKEND_DESCRIPTIONS else "en_US")
	makeup = {day for day in calendar.weekend_workdays if day.year in wanted}
	result: dict[datetime.date, str] = {}
	for year in sorted(wanted):
		day = datetime.date(year, 1, 1)
		one_day = datetime.timedelta(days=1)
		while day.year == year:
			if day.weekday() in calendar.weekend and day not in makeup:
				result[day] = weekend
			day += one_day
	for day, name in calendar.items():
		if day.year in wanted:
			result[day] = name
	return dict(sorted(result.items()))
