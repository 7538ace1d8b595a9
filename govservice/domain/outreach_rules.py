"""Rules of village outreach (村民办事不出村, 特殊群体办事不出家门) that need no database.

Sources: 鹤峰县“三办三不出”实施方案 (seed 000) 三(一) — the village service team collects villagers' needs once
a week and handles them by urgency (按轻重缓急, 分类分时分流); 四(二) — special groups (高龄老人, 孤寡老人,
残疾人, 孤儿) are visited (调查走访) and given the service contact card; seed 003 — 急事急办、特事特办.
"""

from __future__ import annotations

import calendar
import datetime
import statistics
from collections.abc import Callable, Iterable

from govservice.domain.identity import _resident_id_birth_date

# The special groups of the register, in the order a case names the one it is filed under.
GROUPS = ("Lonely Elderly", "Person with Disability", "Orphan", "Elderly")

# 急 / 重 / 缓 / 轻: dispatched in this order; the working days (after the day of collection) by which the
# row's case must be registered or its answer given: urgent the same working day.
URGENCIES = ("Urgent Need", "Important Need", "Can Wait", "Minor Need")
RESPONSE_WORKING_DAYS = {"Urgent Need": 0, "Important Need": 1, "Can Wait": 3, "Minor Need": 5}


def birth_date(resident_id: str | None) -> datetime.date | None:
	"""The birth date written in a resident ID number (GB 11643), or None."""
	if not resident_id or len(resident_id) != 18:
		return None
	return _resident_id_birth_date(resident_id)


def gender(resident_id: str | None) -> str | None:
	"""'Male' or 'Female' from the 17th character of a resident ID number (odd: male)."""
	if not resident_id or len(resident_id) != 18 or not resident_id[16].isdigit():
		return None
	return "Male" if int(resident_id[16]) % 2 else "Female"


def age_on(born: datetime.date, day: datetime.date) -> int:
	"""Full years of age on `day`."""
	return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def is_elderly(born: datetime.date | None, day: datetime.date, threshold: int) -> bool:
	"""高龄: `threshold` years old or more on `day`."""
	return born is not None and threshold > 0 and age_on(born, day) >= threshold


def add_months(day: datetime.date, months: int) -> datetime.date:
	"""The same day `months` later (the month's last day when it is shorter), as MariaDB's date_add."""
	month_index = day.month - 1 + months
	year, month = day.year + month_index // 12, month_index % 12 + 1
	return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def visit_interval(groups: Iterable[str], months_by_group: dict[str, int]) -> int | None:
	"""Months between visits: the shortest of the person's groups (0 or missing settings ignored); None
	for someone in no group."""
	intervals = [months_by_group.get(group) or 0 for group in groups]
	intervals = [months for months in intervals if months > 0]
	return min(intervals) if intervals else None


def next_visit_due(
	last_visit: datetime.date | None, registered: datetime.date, interval_months: int | None
) -> datetime.date | None:
	"""When the next visit is due: `interval_months` after the last visit, or after registration for
	someone not visited yet; None without an interval."""
	if not interval_months:
		return None
	return add_months(last_visit or registered, interval_months)


def visit_state(due: datetime.date | None, day: datetime.date, soon_days: int = 14) -> str:
	"""'Overdue', 'Due' (within `soon_days`) or 'Not Due' on `day`."""
	if due is None:
		return "Not Due"
	if due < day:
		return "Overdue"
	return "Due" if (due - day).days <= soon_days else "Not Due"


def urgency_rank(urgency: str | None) -> int:
	"""Dispatch order: 急 first, 轻 last (an unknown urgency as 缓)."""
	return URGENCIES.index(urgency) if urgency in URGENCIES else URGENCIES.index("Can Wait")


def respond_by(
	collected: datetime.date,
	urgency: str | None,
	add_working_days: Callable[[datetime.date, int], datetime.date],
) -> datetime.date:
	"""The working day by which a collected request is registered as a case (or answered): urgent ones the
	same working day (the next one when collected on a day off)."""
	return add_working_days(collected, RESPONSE_WORKING_DAYS.get(urgency or "", 3))


def mask_name(name: str | None) -> str:
	"""A name for a public notice board: the family name and a mark per other character (张*, 欧阳**);
	a Latin name keeps its first letter."""
	name = (name or "").strip()
	if not name:
		return ""
	if len(name) <= 1:
		return name + "*"
	return name[0] + "*" * (len(name) - 1)


def median_days(pairs: Iterable[tuple[datetime.date | None, datetime.date | None]]) -> float | None:
	"""Median of the days between each (start, end) pair that has both; None when none has."""
	days = [(end - start).days for start, end in pairs if start and end]
	return float(statistics.median(days)) if days else None


def share(part: int, whole: int) -> float | None:
	"""`part` of `whole` in per cent, to one decimal; None of nothing."""
	return round(100.0 * part / whole, 1) if whole else None
