"""Rules of the monthly performance figures (绩效评估), without Frappe: the month a run covers, the shares
and averages as published, and what makes a correction acceptable."""

from __future__ import annotations

import datetime

# the figures a published month holds, per centre, agent, service item and department; each share is of
# the count named beside it
COUNT_FIELDS = (
	"cases_received",
	"cases_completed",
	"completed_on_time",
	"one_time_done",
	"done_in_village",
	"done_in_township",
	"done_from_home",
	"door_to_door",
	"ratings",
	"good_ratings",
	"bad_ratings",
	"bad_rectified_in_time",
	"complaints_received",
	"complaints_on_time",
	"warnings",
	"red_cards",
	"approvals_done",
	"approvals_on_time",
	# 办事大厅: numbers taken and served, appointments and their no-shows, results handed over (统一出件)
	"hall_tickets",
	"hall_served",
	"appointments_booked",
	"appointment_no_shows",
	"results_issued",
)
# share field: (numerator, denominator)
SHARES = {
	"on_time_share": ("completed_on_time", "cases_completed"),
	"one_time_share": ("one_time_done", "cases_completed"),
	"village_share": ("done_in_village", "cases_completed"),
	"township_share": ("done_in_township", "cases_completed"),
	"home_share": ("done_from_home", "cases_completed"),
	"good_share": ("good_ratings", "ratings"),
	"rectified_share": ("bad_rectified_in_time", "bad_ratings"),
	"complaints_on_time_share": ("complaints_on_time", "complaints_received"),
	"approvals_on_time_share": ("approvals_on_time", "approvals_done"),
	"no_show_share": ("appointment_no_shows", "appointments_booked"),
}
# average field: (sum, count)
AVERAGES = {
	"avg_working_days": ("working_days_sum", "working_days_count"),
	"avg_promised_days": ("promised_days_sum", "working_days_count"),
	"avg_statutory_days": ("statutory_days_sum", "working_days_count"),
	"avg_wait_minutes": ("hall_wait_minutes_sum", "hall_wait_count"),
	"avg_service_minutes": ("hall_service_minutes_sum", "hall_service_count"),
}
SUM_FIELDS = (
	*COUNT_FIELDS,
	"working_days_sum",
	"working_days_count",
	"promised_days_sum",
	"statutory_days_sum",
	"hall_wait_minutes_sum",
	"hall_wait_count",
	"hall_service_minutes_sum",
	"hall_service_count",
)
MIN_REASON_LENGTH = 10


def parse_month(text) -> datetime.date | None:
	"""The month a caller names ("2026-11" or any ISO date in it, full-width digits allowed) as its first day,
	or None for anything else (never echoed back: the value may be hostile)."""
	import re
	import unicodedata

	if isinstance(text, datetime.date):
		return text.replace(day=1)
	found = re.fullmatch(
		r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", unicodedata.normalize("NFKC", str(text or "")).strip(), re.ASCII
	)
	if not found:
		return None
	year, month, day = (int(part) for part in found.groups(default="1"))
	try:
		datetime.date(year, month, day)
	except ValueError:
		return None
	return datetime.date(year, month, 1)


def month_of(day: datetime.date) -> datetime.date:
	"""The first day of `day`'s month: how a month is named."""
	return day.replace(day=1)


def previous_month(day: datetime.date) -> datetime.date:
	"""The first day of the month before `day`'s."""
	return month_of(month_of(day) - datetime.timedelta(days=1))


def month_end(month: datetime.date) -> datetime.date:
	"""The last day of `month`."""
	following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
	return following - datetime.timedelta(days=1)


def share(numerator: float, denominator: float) -> float | None:
	"""A share in per cent with one decimal, or None when there is nothing to divide (not 0 %: no case is not
	a bad month)."""
	if not denominator:
		return None
	return round(100.0 * numerator / denominator, 1)


def average(total: float, count: float) -> float | None:
	return round(total / count, 1) if count else None


def add_into(total: dict, row: dict) -> dict:
	"""Add the summable figures of `row` into `total` (missing ones count as 0)."""
	for field in SUM_FIELDS:
		total[field] = (total.get(field) or 0) + (row.get(field) or 0)
	return total


def finish(figures: dict) -> dict:
	"""`figures` with their shares and averages worked out."""
	for field, (numerator, denominator) in SHARES.items():
		figures[field] = share(figures.get(numerator) or 0, figures.get(denominator) or 0)
	for field, (total, count) in AVERAGES.items():
		figures[field] = average(figures.get(total) or 0, figures.get(count) or 0)
	return figures


def correction_refusal(reason: str | None) -> str | None:
	"""Why a correction's reason is not enough (English source text), or None."""
	if len((reason or "").strip()) < MIN_REASON_LENGTH:
		return "Say why the published figures are corrected (at least {0} characters)."
	return None
