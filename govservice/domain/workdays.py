"""Working-day arithmetic for statutory time limits (办理时限) counted in working days.

A `WorkCalendar` covers a closed range of dates and knows which of them are working days. Deadlines
follow the administrative reading of "自受理之日起N个工作日": the day of acceptance does not count, so the
deadline is the N-th working day after it. Time during which the clock is stopped (e.g. waiting for an
applicant to supply missing materials) is given as closed date intervals and does not count either.

Everything is precomputed once per calendar, so a deadline or a count costs O(1) without pauses and
O(p log p) with p pause intervals, independent of N.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

_ONE_DAY = datetime.timedelta(days=1)


class CalendarRangeError(ValueError):
	"""A date, or a result, lies outside the range of dates a `WorkCalendar` covers."""


class WorkCalendar:
	"""Working days over the closed date range [start, end].

	Every day of the range that is not in `non_working_days` is a working day; non-working days outside
	the range are ignored. Any date passed in, or any result, outside the range raises
	`CalendarRangeError` rather than guessing.
	"""

	start: datetime.date
	end: datetime.date

	def __init__(
		self, non_working_days: Iterable[datetime.date], start: datetime.date, end: datetime.date
	) -> None:
		"""Build the calendar for [start, end] inclusive from the set of non-working days."""
		if end < start:
			raise ValueError(f"calendar end {end} is before its start {start}")
		self.start = start
		self.end = end
		self._base = start.toordinal()
		size = end.toordinal() - self._base + 1
		closed = bytearray(size)
		for day in non_working_days:
			offset = day.toordinal() - self._base
			if 0 <= offset < size:
				closed[offset] = 1
		self._size = size
		self._is_working: list[bool] = [not flag for flag in closed]
		# _before[i] is the number of working days at offsets < i, so the working days in the offset
		# range [i, j) number _before[j] - _before[i], and _working[_before[i]] is the first working
		# day at or after offset i.
		self._before: list[int] = [0] * (size + 1)
		self._working: list[datetime.date] = []
		count = 0
		for offset, working in enumerate(self._is_working):
			if working:
				self._working.append(datetime.date.fromordinal(self._base + offset))
				count += 1
			self._before[offset + 1] = count
		self._count = count
		# Maps each covered date to the index in _working of the last working day on or before it (-1 if
		# none), which turns the common deadline without pauses into two lookups: _working[last + n].
		self._last_index: dict[datetime.date, int] = {
			datetime.date.fromordinal(self._base + offset): before - 1
			for offset, before in enumerate(self._before[1:])
		}

	def __repr__(self) -> str:
		return f"WorkCalendar({self.start}..{self.end}, {len(self._working)} working days)"

	def _range_text(self) -> str:
		return f"the working-day calendar covers {self.start} to {self.end}"

	def _offset(self, day: datetime.date) -> int:
		offset = day.toordinal() - self._base
		if offset < 0 or offset >= self._size:
			raise CalendarRangeError(f"{day} is outside the calendar; {self._range_text()}")
		return offset

	def _working_at(self, index: int) -> datetime.date:
		if index >= self._count:
			raise CalendarRangeError(f"the result falls after {self.end}; {self._range_text()}")
		return self._working[index]

	def _pause_offsets(
		self, paused: Iterable[tuple[datetime.date, datetime.date]], first: int
	) -> list[tuple[int, int]]:
		"""Return the pauses as sorted, merged offset intervals [a, b] clipped to [first, last offset].

		Clipping is exact, not an approximation: days before `first` never count anyway, and a pause
		reaching past the calendar's end can only matter to a result that would itself lie past the end,
		which raises.
		"""
		last = self._size - 1
		intervals: list[tuple[int, int]] = []
		for pause_from, pause_to in paused:
			if pause_to < pause_from:
				raise ValueError(f"pause ends ({pause_to}) before it starts ({pause_from})")
			a = max(pause_from.toordinal() - self._base, first)
			b = min(pause_to.toordinal() - self._base, last)
			if a <= b:
				intervals.append((a, b))
		intervals.sort()
		merged: list[tuple[int, int]] = []
		for a, b in intervals:
			if merged and a <= merged[-1][1] + 1:
				if b > merged[-1][1]:
					merged[-1] = (merged[-1][0], b)
			else:
				merged.append((a, b))
		return merged

	def is_working_day(self, day: datetime.date) -> bool:
		"""Return whether `day` is a working day."""
		return self._is_working[self._offset(day)]

	def next_working_day(self, day: datetime.date, include_self: bool = False) -> datetime.date:
		"""Return the first working day after `day`, or `day` itself if `include_self` and it is working."""
		offset = self._offset(day)
		if not include_self:
			offset += 1
		return self._working_at(self._before[offset])

	def add_working_days(
		self,
		start: datetime.date,
		days: int,
		paused: Iterable[tuple[datetime.date, datetime.date]] = (),
	) -> datetime.date:
		"""Return the deadline `days` working days after `start`.

		The day `start` itself never counts: for `days` >= 1 the result is the `days`-th working day
		strictly after `start`. For `days` == 0 (即办件, settled the same day) the result is `start` when
		it is a working day, otherwise the next working day.

		`paused` holds closed intervals (from, to) during which the clock stops; working days inside any
		of them do not count, and overlapping intervals count once. The result is the earliest date by
		which `days` unpaused working days after `start` have elapsed; with `days` == 0 it is the first
		unpaused working day on or after `start`. Negative `days` raises ValueError.
		"""
		# Deadlines are computed in bulk (work queues, reports), so the usual case skips the general path.
		if days > 0 and not paused:
			try:
				return self._working[self._last_index[start] + days]
			except (KeyError, IndexError):
				# Out of range; the general path below raises the precise CalendarRangeError.
				pass
		if days < 0:
			raise ValueError(f"cannot add a negative number of working days ({days})")
		offset = self._offset(start)
		# Counting from the next offset with `remaining` working days left to pass; `days` == 0 is the
		# same search started on `start` itself, looking for the first working day.
		if days == 0:
			cursor, remaining = offset, 1
		else:
			cursor, remaining = offset + 1, days
		before = self._before
		if paused:
			for a, b in self._pause_offsets(paused, cursor):
				available = before[a] - before[cursor]
				if remaining <= available:
					break
				remaining -= available
				cursor = b + 1
		return self._working_at(before[cursor] + remaining - 1)

	def count_working_days(
		self,
		start: datetime.date,
		end: datetime.date,
		paused: Iterable[tuple[datetime.date, datetime.date]] = (),
	) -> int:
		"""Return the number of working days d with start < d <= end, excluding those inside `paused`.

		The counterpart of `add_working_days`: for any `start` and n >= 1,
		``count_working_days(start, add_working_days(start, n, paused), paused) == n``. Returns 0 when
		`end` <= `start`. `paused` holds closed intervals (from, to); overlapping intervals count once.
		"""
		first = self._offset(start) + 1
		last = self._offset(end)
		if last < first:
			return 0
		before = self._before
		total = before[last + 1] - before[first]
		if paused:
			for a, b in self._pause_offsets(paused, first):
				if a > last:
					break
				total -= before[min(b, last) + 1] - before[a]
		return total

	def ordinals(self, start: datetime.date, end: datetime.date) -> list[tuple[datetime.date, int]]:
		"""Each day of [start, end] (clipped to the calendar) with the number of working days of the calendar
		up to and including it: the working days d with a < d <= b number ordinal(b) - ordinal(a), so a
		database can count them for many records with one lookup table."""
		first = max(start, self.start).toordinal() - self._base
		last = min(end, self.end).toordinal() - self._base
		return [
			(datetime.date.fromordinal(self._base + offset), self._before[offset + 1])
			for offset in range(first, last + 1)
		]


def naive_add_working_days(non_working: set[datetime.date], start: datetime.date, days: int) -> datetime.date:
	"""Walk day by day to the deadline `days` working days after `start`, with no pauses.

	Same semantics as `WorkCalendar.add_working_days`, but unbounded: every date not in `non_working` is
	a working day. It serves as the reference the indexed calendar is tested and measured against.
	"""
	if days < 0:
		raise ValueError(f"cannot add a negative number of working days ({days})")
	day = start
	if days == 0:
		while day in non_working:
			day += _ONE_DAY
		return day
	passed = 0
	while passed < days:
		day += _ONE_DAY
		if day not in non_working:
			passed += 1
	return day
