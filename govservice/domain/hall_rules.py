"""The service hall's rules (取号叫号, 预约), without Frappe: ticket numbers, the order in which tickets are
called, estimated waits, appointment slots from a centre's opening hours and their capacity, the no-show
rule; the front window's checks before it passes a case to the back office (按责转办) and the form of the
number the back office returns. Times are naive datetimes in the site's time zone; hours are "HH:MM" strings."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

# a category's letter: one ASCII capital (A012); the number restarts every day at each centre
PREFIX = re.compile(r"^[A-Z]$")
# "8:30-12:00", "8:30—12:00", "14:30～17:30" in a centre's opening hours
PERIOD = re.compile(r"(\d{1,2})[:：](\d{2})\s*[-–—~～至到]\s*(\d{1,2})[:：](\d{2})")
DEFAULT_PERIODS = (("08:30", "12:00"), ("14:30", "17:30"))
SLOT = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def ticket_number(prefix: str, sequence: int) -> str:
	"""A012: the category's letter and the day's sequence, three digits (four past 999)."""
	if not PREFIX.match(prefix or ""):
		raise ValueError("prefix")
	if sequence < 1:
		raise ValueError("sequence")
	return f"{prefix}{sequence:03d}"


def spoken_number(ticket_no: str) -> str:
	"""How the hall's speech reads a number: each digit on its own (A012 → A零一二), as halls announce."""
	digits = "零一二三四五六七八九"
	return "".join(digits[int(c)] if c.isdigit() else c for c in ticket_no)


def call_text(ticket_no: str, window: str) -> str:
	"""请A012号到3号窗口办理: the announcement (the window as the centre names it)."""
	return f"请{ticket_no}号到{window}办理"


@dataclass(frozen=True)
class Waiting:
	"""A ticket in the queue: its sequence, whether it came from an appointment (and the slot's start), and
	the window it was sent to (转窗口), if any."""

	name: str
	sequence: int
	slot_start: datetime | None = None
	sent_to: str | None = None


def call_order(tickets: Iterable[Waiting], now: datetime, window: str | None = None) -> list[Waiting]:
	"""The order a window calls its waiting tickets: tickets sent to this window first, then appointments
	whose slot has begun (by slot, then number), then everyone else by number. An appointment checked in
	before its slot waits in the ordinary queue until the slot begins."""

	def key(ticket: Waiting):
		if window and ticket.sent_to == window:
			return (0, ticket.sequence, ticket.sequence)
		if ticket.slot_start is not None and ticket.slot_start <= now:
			return (1, ticket.slot_start.timestamp(), ticket.sequence)
		return (2, ticket.sequence, ticket.sequence)

	return sorted((t for t in tickets if not t.sent_to or t.sent_to == window), key=key)


def estimated_wait_minutes(ahead: int, open_windows: int, service_minutes: int) -> int:
	"""Minutes until a ticket behind `ahead` people is called, with `open_windows` serving its category,
	each service taking `service_minutes` on average (at least one window is assumed)."""
	if ahead <= 0:
		return 0
	windows = max(open_windows, 1)
	minutes = max(service_minutes, 1)
	return -(-ahead * minutes // windows)  # rounded up


def periods_of(opening_hours: str | None) -> list[tuple[str, str]]:
	"""The opening periods written in a centre's opening hours ("工作日 8:30-12:00, 14:30-17:30"), as
	("08:30", "12:00") pairs in order; the county's usual hours when none is written."""
	found = []
	for h1, m1, h2, m2 in PERIOD.findall(opening_hours or ""):
		start, end = (int(h1), int(m1)), (int(h2), int(m2))
		if start < end and end <= (24, 0) and m1 < "60" and m2 < "60":
			found.append((f"{start[0]:02d}:{start[1]:02d}", f"{end[0]:02d}:{end[1]:02d}"))
	return sorted(set(found)) or list(DEFAULT_PERIODS)


def _minutes(hhmm: str) -> int:
	hours, minutes = hhmm.split(":")
	return int(hours) * 60 + int(minutes)


def _hhmm(minutes: int) -> str:
	return f"{minutes // 60:02d}:{minutes % 60:02d}"


def is_open(periods: Iterable[tuple[str, str]], at: time, early_minutes: int = 0) -> bool:
	"""Whether a time of day falls in an opening period (from `early_minutes` before it begins)."""
	minute = at.hour * 60 + at.minute
	return any(_minutes(start) - early_minutes <= minute < _minutes(end) for start, end in periods)


def slots(periods: Iterable[tuple[str, str]], slot_minutes: int) -> list[tuple[str, str]]:
	"""The appointment slots of a day: each opening period cut into `slot_minutes` (a last piece shorter
	than a slot is not offered)."""
	if slot_minutes < 5:
		raise ValueError("slot_minutes")
	out = []
	for start, end in periods:
		begin, finish = _minutes(start), _minutes(end)
		while begin + slot_minutes <= finish:
			out.append((_hhmm(begin), _hhmm(begin + slot_minutes)))
			begin += slot_minutes
	return out


def slot_capacity(windows: int, slot_minutes: int, service_minutes: int, share_percent: int) -> int:
	"""How many appointments a slot takes: the services its windows can give in it (windows × slot ÷
	service time), of which the administrator's share is kept for appointments (the rest for walk-ins);
	at least one while a window serves the category."""
	if windows <= 0:
		return 0
	services = windows * (slot_minutes // max(service_minutes, 1))
	return max(1, services * max(min(share_percent, 100), 0) // 100)


def valid_slot(value: str) -> bool:
	return isinstance(value, str) and bool(SLOT.match(value))


def slot_datetime(day: date, hhmm: str) -> datetime:
	return datetime.combine(day, time(*map(int, hhmm.split(":"))))


def bookable(day: date, slot_start: str, now: datetime, lead_minutes: int, horizon_days: int) -> bool:
	"""Whether a slot may still be booked: it begins at least `lead_minutes` from now and is no more than
	`horizon_days` ahead (working days are checked by the caller, on China's calendar)."""
	begins = slot_datetime(day, slot_start)
	return (
		begins >= now + timedelta(minutes=lead_minutes) and day <= (now + timedelta(days=horizon_days)).date()
	)


def is_no_show(day: date, slot_end: str, now: datetime, grace_minutes: int) -> bool:
	"""An appointment not checked in by the end of its slot and the grace after it is a no-show."""
	return now > slot_datetime(day, slot_end) + timedelta(minutes=grace_minutes)


def barred_until(no_show_days: Iterable[date], today: date, limit: int, window_days: int, bar_days: int):
	"""The no-show rule: `limit` no-shows within `window_days` bar booking for `bar_days` after the last
	of them; the day booking opens again, or None when the person may book."""
	recent = sorted(d for d in no_show_days if today - timedelta(days=window_days) < d <= today)
	if limit <= 0 or len(recent) < limit:
		return None
	until = recent[-1] + timedelta(days=bar_days)
	return until if until > today else None


def seconds_between(start: datetime | None, end: datetime | None) -> int | None:
	if not start or not end:
		return None
	return max(int((end - start).total_seconds()), 0)


# a licence or document number as the back office writes it: letters, digits, Chinese characters and the
# punctuation of Chinese document numbers (鄂(2026)鹤峰县不动产权第0001234号, JY14228270001234)
DOCUMENT_NUMBER = re.compile(r"^[0-9A-Za-z\u4e00-\u9fff()〔〕\[\]\-—·/.#№ ]{1,60}$")


def document_number(value: str | None) -> str | None:
	"""The number in its one stored form (NFKC: full-width digits and brackets become ASCII, spaces trimmed
	and single), None when empty; ValueError when it holds anything else."""
	text = " ".join(unicodedata.normalize("NFKC", value or "").split())
	if not text:
		return None
	if not DOCUMENT_NUMBER.fullmatch(text):
		raise ValueError(text)
	return text


def back_office_problems(materials: Iterable[dict], deferral_accepted: bool) -> list[str]:
	"""原件预审 before 按责转办: the required materials whose original the window has not seen (a material
	the item allows to defer, when the case was accepted with deferral, may follow)."""
	return [
		row["material_name"]
		for row in materials
		if row.get("is_required")
		and not row.get("is_verified")
		and not (row.get("allows_deferred") and deferral_accepted)
	]
