"""Tests for China's working-day calendar and the deadline arithmetic built on it (no Frappe needed)."""

from __future__ import annotations

import unittest
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from govservice.domain.china_calendar import china_makeup_workdays, china_non_working_days
from govservice.domain.workdays import CalendarRangeError, WorkCalendar, naive_add_working_days

FIRST_DAY = date(2025, 1, 1)
LAST_DAY = date(2027, 12, 31)
NON_WORKING = china_non_working_days([2025, 2026, 2027])
NON_WORKING_SET = set(NON_WORKING)
CALENDAR = WorkCalendar(NON_WORKING, FIRST_DAY, LAST_DAY)

PROPERTY_SETTINGS = settings(max_examples=200, deadline=None)
# Starts end a year before the calendar does, so that N <= 120 plus a few pauses stays in range.
starts = st.dates(min_value=FIRST_DAY, max_value=date(2026, 12, 31))
counts = st.integers(min_value=0, max_value=120)
positive_counts = st.integers(min_value=1, max_value=120)
# Pauses as (offset from the start, length) in days, kept near the start so that they overlap each
# other and the deadline often; see pauses_near().
pause_offsets = st.lists(
	st.tuples(st.integers(min_value=-10, max_value=150), st.integers(min_value=0, max_value=40)),
	max_size=3,
)


def d(text: str) -> date:
	return date.fromisoformat(text)


def days_between(first: date, last: date) -> list[date]:
	return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def pauses_near(start: date, offsets: list[tuple[int, int]]) -> list[tuple[date, date]]:
	return [
		(start + timedelta(days=offset), start + timedelta(days=offset + length))
		for offset, length in offsets
	]


def naive_add_with_pauses(start: date, days: int, paused: list[tuple[date, date]]) -> date:
	"""Day-by-day reference for deadlines with pauses."""
	stopped = {day for pause_from, pause_to in paused for day in days_between(pause_from, pause_to)}

	def counts_towards_deadline(day: date) -> bool:
		return day not in NON_WORKING_SET and day not in stopped

	day = start
	if days == 0:
		while not counts_towards_deadline(day):
			day += timedelta(days=1)
		return day
	passed = 0
	while passed < days:
		day += timedelta(days=1)
		if counts_towards_deadline(day):
			passed += 1
	return day


class TestChinaCalendar(unittest.TestCase):
	def test_2026_public_holidays_are_non_working(self) -> None:
		holidays_2026 = [
			"2026-01-01",
			"2026-01-02",
			"2026-02-16",
			"2026-02-17",
			"2026-02-18",
			"2026-02-19",
			"2026-02-20",
			"2026-02-23",
			*(f"2026-10-0{day}" for day in range(1, 8)),
		]
		for text in holidays_2026:
			with self.subTest(day=text):
				self.assertIn(d(text), NON_WORKING)
				self.assertFalse(CALENDAR.is_working_day(d(text)))

	def test_descriptions(self) -> None:
		self.assertEqual(NON_WORKING[d("2026-02-17")], "Chinese New Year (Spring Festival)")
		self.assertEqual(NON_WORKING[d("2026-10-01")], "National Day")
		# A holiday on a weekend is named after the holiday, not "Weekend".
		self.assertEqual(NON_WORKING[d("2026-10-03")], "National Day")
		self.assertEqual(NON_WORKING[d("2026-10-04")], "Weekend")
		self.assertEqual(NON_WORKING[d("2026-02-15")], "Weekend")

	def test_makeup_workdays(self) -> None:
		self.assertEqual(
			china_makeup_workdays([2026]),
			{
				d(text)
				for text in (
					"2026-01-04",
					"2026-02-14",
					"2026-02-28",
					"2026-05-09",
					"2026-09-20",
					"2026-10-10",
				)
			},
		)
		self.assertEqual(
			china_makeup_workdays([2025]),
			{d(text) for text in ("2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11")},
		)
		self.assertEqual(china_makeup_workdays([]), set())

	def test_makeup_workdays_are_working_weekend_days(self) -> None:
		for day in china_makeup_workdays([2025, 2026, 2027]):
			with self.subTest(day=day):
				self.assertGreaterEqual(day.weekday(), 5)
				self.assertNotIn(day, NON_WORKING)
				self.assertTrue(CALENDAR.is_working_day(day))

	def test_every_other_weekend_day_is_non_working(self) -> None:
		makeup = china_makeup_workdays([2025, 2026, 2027])
		for day in days_between(FIRST_DAY, LAST_DAY):
			if day.weekday() >= 5 and day not in makeup:
				self.assertIn(day, NON_WORKING)

	def test_only_requested_years(self) -> None:
		self.assertEqual({day.year for day in china_non_working_days([2026])}, {2026})
		self.assertEqual(china_non_working_days([]), {})
		self.assertEqual(
			{day: name for day, name in NON_WORKING.items() if day.year == 2026},
			china_non_working_days([2026]),
		)


class TestWorkCalendarCases(unittest.TestCase):
	def assertDeadline(self, start: str, days: int, expected: str) -> None:
		self.assertEqual(CALENDAR.add_working_days(d(start), days), d(expected), f"{start} + {days}")
		self.assertEqual(naive_add_working_days(NON_WORKING_SET, d(start), days), d(expected))
		if days >= 1:
			self.assertEqual(CALENDAR.count_working_days(d(start), d(expected)), days)

	def test_new_year_2026(self) -> None:
		# 01-01 Thu and 01-02 Fri are holidays, 01-03 Sat is off, 01-04 Sun is a make-up workday.
		self.assertDeadline("2025-12-31", 1, "2026-01-04")
		self.assertDeadline("2025-12-31", 2, "2026-01-05")
		self.assertDeadline("2026-01-01", 0, "2026-01-04")

	def test_spring_festival_2026(self) -> None:
		self.assertTrue(CALENDAR.is_working_day(d("2026-02-14")))
		self.assertTrue(CALENDAR.is_working_day(d("2026-02-28")))
		self.assertFalse(CALENDAR.is_working_day(d("2026-02-15")))
		self.assertFalse(CALENDAR.is_working_day(d("2026-02-21")))
		self.assertFalse(CALENDAR.is_working_day(d("2026-02-22")))
		self.assertTrue(CALENDAR.is_working_day(d("2026-02-24")))
		self.assertDeadline("2026-02-13", 1, "2026-02-14")
		self.assertDeadline("2026-02-14", 1, "2026-02-24")
		self.assertDeadline("2026-02-13", 2, "2026-02-24")
		self.assertDeadline("2026-02-13", 5, "2026-02-27")
		self.assertDeadline("2026-02-13", 6, "2026-02-28")
		self.assertDeadline("2026-02-13", 7, "2026-03-02")
		self.assertDeadline("2026-02-15", 0, "2026-02-24")
		self.assertDeadline("2026-02-17", 1, "2026-02-24")

	def test_national_day_2026(self) -> None:
		# 09-20 Sun and 10-10 Sat are make-up workdays; 10-01..10-07 are off; 09-25 is Mid-Autumn.
		self.assertDeadline("2026-09-18", 1, "2026-09-20")
		self.assertDeadline("2026-09-24", 1, "2026-09-28")
		self.assertDeadline("2026-09-30", 1, "2026-10-08")
		self.assertDeadline("2026-09-30", 2, "2026-10-09")
		self.assertDeadline("2026-09-30", 3, "2026-10-10")
		self.assertDeadline("2026-09-30", 4, "2026-10-12")

	def test_spring_festival_and_national_day_2025(self) -> None:
		self.assertDeadline("2025-01-24", 1, "2025-01-26")
		self.assertDeadline("2025-01-24", 2, "2025-01-27")
		self.assertDeadline("2025-01-24", 3, "2025-02-05")
		self.assertDeadline("2025-09-30", 1, "2025-10-09")
		self.assertDeadline("2025-09-30", 3, "2025-10-11")
		self.assertDeadline("2025-01-01", 0, "2025-01-02")

	def test_zero_days_on_a_working_day_is_that_day(self) -> None:
		self.assertDeadline("2026-02-14", 0, "2026-02-14")
		self.assertDeadline("2026-03-02", 0, "2026-03-02")

	def test_next_working_day(self) -> None:
		self.assertEqual(CALENDAR.next_working_day(d("2026-02-14")), d("2026-02-24"))
		self.assertEqual(CALENDAR.next_working_day(d("2026-02-14"), include_self=True), d("2026-02-14"))
		self.assertEqual(CALENDAR.next_working_day(d("2026-02-13"), include_self=True), d("2026-02-13"))
		self.assertEqual(CALENDAR.next_working_day(d("2026-02-15"), include_self=True), d("2026-02-24"))
		self.assertEqual(CALENDAR.next_working_day(d("2026-10-09")), d("2026-10-10"))

	def test_count_working_days(self) -> None:
		self.assertEqual(CALENDAR.count_working_days(d("2026-02-13"), d("2026-02-28")), 6)
		self.assertEqual(CALENDAR.count_working_days(d("2026-02-14"), d("2026-02-23")), 0)
		self.assertEqual(CALENDAR.count_working_days(d("2026-03-02"), d("2026-03-02")), 0)
		self.assertEqual(CALENDAR.count_working_days(d("2026-03-10"), d("2026-03-02")), 0)
		self.assertEqual(CALENDAR.count_working_days(d("2026-09-30"), d("2026-10-12")), 4)

	def test_negative_days_rejected(self) -> None:
		with self.assertRaises(ValueError):
			CALENDAR.add_working_days(d("2026-03-02"), -1)
		with self.assertRaises(ValueError):
			naive_add_working_days(NON_WORKING_SET, d("2026-03-02"), -1)

	def test_calendar_bounds_must_be_ordered(self) -> None:
		with self.assertRaises(ValueError):
			WorkCalendar([], d("2026-01-02"), d("2026-01-01"))

	def test_single_day_calendar(self) -> None:
		calendar = WorkCalendar([], d("2026-03-02"), d("2026-03-02"))
		self.assertEqual(calendar.add_working_days(d("2026-03-02"), 0), d("2026-03-02"))
		with self.assertRaises(CalendarRangeError):
			calendar.add_working_days(d("2026-03-02"), 1)


class TestWorkCalendarPauses(unittest.TestCase):
	# 2026-03-02 is a Monday with no holidays in the following weeks; +10 working days is 03-16.
	start = d("2026-03-02")

	def test_week_long_pause_extends_by_its_working_days(self) -> None:
		pause = (d("2026-03-04"), d("2026-03-10"))
		self.assertEqual(CALENDAR.add_working_days(self.start, 10), d("2026-03-16"))
		self.assertEqual(CALENDAR.count_working_days(pause[0] - timedelta(days=1), pause[1]), 5)
		self.assertEqual(CALENDAR.add_working_days(self.start, 10, [pause]), d("2026-03-23"))
		self.assertEqual(
			CALENDAR.add_working_days(self.start, 10, [pause]), CALENDAR.add_working_days(self.start, 15)
		)
		self.assertEqual(CALENDAR.count_working_days(self.start, d("2026-03-23"), [pause]), 10)

	def test_overlapping_pauses_count_once(self) -> None:
		expected = d("2026-03-23")
		for pauses in (
			[(d("2026-03-04"), d("2026-03-06")), (d("2026-03-05"), d("2026-03-10"))],
			[(d("2026-03-04"), d("2026-03-06")), (d("2026-03-06"), d("2026-03-10"))],
			[(d("2026-03-04"), d("2026-03-10")), (d("2026-03-04"), d("2026-03-10"))],
			[(d("2026-03-05"), d("2026-03-09")), (d("2026-03-04"), d("2026-03-10"))],
			[(d("2026-03-07"), d("2026-03-10")), (d("2026-03-04"), d("2026-03-06"))],
		):
			with self.subTest(pauses=pauses):
				self.assertEqual(CALENDAR.add_working_days(self.start, 10, pauses), expected)
				self.assertEqual(CALENDAR.count_working_days(self.start, expected, pauses), 10)

	def test_pause_on_non_working_days_changes_nothing(self) -> None:
		spring_festival = [(d("2026-02-15"), d("2026-02-23"))]
		self.assertEqual(CALENDAR.add_working_days(d("2026-02-13"), 2, spring_festival), d("2026-02-24"))
		weekend = [(d("2026-03-07"), d("2026-03-08"))]
		self.assertEqual(CALENDAR.add_working_days(self.start, 10, weekend), d("2026-03-16"))
		self.assertEqual(CALENDAR.count_working_days(self.start, d("2026-03-16"), weekend), 10)

	def test_pause_before_or_after_the_deadline_changes_nothing(self) -> None:
		pauses = [(d("2026-02-02"), d("2026-02-27")), (d("2026-03-17"), d("2026-04-30"))]
		self.assertEqual(CALENDAR.add_working_days(self.start, 10, pauses), d("2026-03-16"))

	def test_pause_covering_the_start(self) -> None:
		pause = [(d("2026-02-01"), d("2026-03-03"))]
		self.assertEqual(CALENDAR.add_working_days(self.start, 10, pause), d("2026-03-17"))
		self.assertEqual(CALENDAR.add_working_days(self.start, 0, pause), d("2026-03-04"))

	def test_pause_reaching_outside_the_calendar(self) -> None:
		# 2025-01-03 is paused, 01-04/05 are the weekend.
		pause = [(d("2024-12-01"), d("2025-01-03"))]
		self.assertEqual(CALENDAR.add_working_days(d("2025-01-02"), 1, pause), d("2025-01-06"))
		with self.assertRaises(CalendarRangeError):
			CALENDAR.add_working_days(d("2027-12-01"), 1, [(d("2027-12-02"), d("2028-02-01"))])

	def test_pause_accepts_any_iterable(self) -> None:
		pauses = (
			(d("2026-03-04") + timedelta(days=i), d("2026-03-04") + timedelta(days=i)) for i in range(7)
		)
		self.assertEqual(CALENDAR.add_working_days(self.start, 10, pauses), d("2026-03-23"))

	def test_reversed_pause_rejected(self) -> None:
		with self.assertRaises(ValueError):
			CALENDAR.add_working_days(self.start, 10, [(d("2026-03-10"), d("2026-03-04"))])


class TestWorkCalendarRange(unittest.TestCase):
	def test_dates_outside_the_calendar(self) -> None:
		before, after = d("2024-12-31"), d("2028-01-01")
		for call in (
			lambda: CALENDAR.is_working_day(before),
			lambda: CALENDAR.is_working_day(after),
			lambda: CALENDAR.next_working_day(before),
			lambda: CALENDAR.add_working_days(before, 1),
			lambda: CALENDAR.add_working_days(after, 0),
			lambda: CALENDAR.count_working_days(before, d("2025-02-01")),
			lambda: CALENDAR.count_working_days(d("2025-02-01"), after),
			lambda: CALENDAR.count_working_days(after, d("2025-02-01")),
		):
			with self.assertRaises(CalendarRangeError) as caught:
				call()
			self.assertIn("2025-01-01 to 2027-12-31", str(caught.exception))

	def test_results_past_the_end(self) -> None:
		# Monday 2026-03-02 to Sunday 03-08: the last working day covered is Friday 03-06.
		week = WorkCalendar({d("2026-03-07"), d("2026-03-08")}, d("2026-03-02"), d("2026-03-08"))
		self.assertEqual(week.add_working_days(d("2026-03-05"), 1), d("2026-03-06"))
		with self.assertRaises(CalendarRangeError) as caught:
			week.add_working_days(d("2026-03-05"), 2)
		self.assertIn("2026-03-02 to 2026-03-08", str(caught.exception))
		with self.assertRaises(CalendarRangeError):
			week.add_working_days(d("2026-03-07"), 0)
		with self.assertRaises(CalendarRangeError):
			week.next_working_day(d("2026-03-06"))
		self.assertEqual(week.next_working_day(d("2026-03-06"), include_self=True), d("2026-03-06"))
		self.assertEqual(week.count_working_days(d("2026-03-02"), d("2026-03-08")), 4)

	def test_range_error_is_a_value_error(self) -> None:
		self.assertTrue(issubclass(CalendarRangeError, ValueError))


class TestWorkCalendarProperties(unittest.TestCase):
	@PROPERTY_SETTINGS
	@given(start=starts, days=counts)
	def test_agrees_with_naive_walk(self, start: date, days: int) -> None:
		self.assertEqual(
			CALENDAR.add_working_days(start, days), naive_add_working_days(NON_WORKING_SET, start, days)
		)

	@PROPERTY_SETTINGS
	@given(start=starts, days=counts)
	def test_result_is_a_working_day_not_before_start(self, start: date, days: int) -> None:
		deadline = CALENDAR.add_working_days(start, days)
		self.assertTrue(CALENDAR.is_working_day(deadline))
		if days == 0:
			self.assertGreaterEqual(deadline, start)
		else:
			self.assertGreater(deadline, start)

	@PROPERTY_SETTINGS
	@given(start=starts)
	def test_zero_days_is_identity_on_working_days(self, start: date) -> None:
		deadline = CALENDAR.add_working_days(start, 0)
		if CALENDAR.is_working_day(start):
			self.assertEqual(deadline, start)
		else:
			self.assertEqual(deadline, CALENDAR.next_working_day(start))

	@PROPERTY_SETTINGS
	@given(first=starts, second=starts, days=counts)
	def test_monotonic_in_start(self, first: date, second: date, days: int) -> None:
		first, second = sorted((first, second))
		self.assertLessEqual(CALENDAR.add_working_days(first, days), CALENDAR.add_working_days(second, days))

	@PROPERTY_SETTINGS
	@given(start=starts, fewer=counts, more=counts)
	def test_monotonic_in_days(self, start: date, fewer: int, more: int) -> None:
		fewer, more = sorted((fewer, more))
		self.assertLessEqual(CALENDAR.add_working_days(start, fewer), CALENDAR.add_working_days(start, more))

	@PROPERTY_SETTINGS
	@given(start=starts, days=positive_counts)
	def test_count_inverts_add(self, start: date, days: int) -> None:
		deadline = CALENDAR.add_working_days(start, days)
		self.assertEqual(CALENDAR.count_working_days(start, deadline), days)
		self.assertEqual(CALENDAR.count_working_days(start, deadline - timedelta(days=1)), days - 1)
		self.assertEqual(CALENDAR.add_working_days(start, days + 1), CALENDAR.next_working_day(deadline))

	@PROPERTY_SETTINGS
	@given(start=starts, days=counts, offsets=pause_offsets)
	def test_pauses_never_shorten_a_deadline(
		self, start: date, days: int, offsets: list[tuple[int, int]]
	) -> None:
		pauses = pauses_near(start, offsets)
		self.assertGreaterEqual(
			CALENDAR.add_working_days(start, days, pauses), CALENDAR.add_working_days(start, days)
		)

	@PROPERTY_SETTINGS
	@given(start=starts, days=counts, offsets=pause_offsets)
	def test_paused_deadline_agrees_with_naive_walk(
		self, start: date, days: int, offsets: list[tuple[int, int]]
	) -> None:
		pauses = pauses_near(start, offsets)
		deadline = CALENDAR.add_working_days(start, days, pauses)
		self.assertEqual(deadline, naive_add_with_pauses(start, days, pauses))
		self.assertTrue(CALENDAR.is_working_day(deadline))
		self.assertFalse(any(pause_from <= deadline <= pause_to for pause_from, pause_to in pauses))

	@PROPERTY_SETTINGS
	@given(start=starts, days=positive_counts, offsets=pause_offsets)
	def test_count_inverts_add_with_pauses(
		self, start: date, days: int, offsets: list[tuple[int, int]]
	) -> None:
		pauses = pauses_near(start, offsets)
		deadline = CALENDAR.add_working_days(start, days, pauses)
		self.assertEqual(CALENDAR.count_working_days(start, deadline, pauses), days)

	@PROPERTY_SETTINGS
	@given(first=starts, length=st.integers(min_value=0, max_value=200), offsets=pause_offsets)
	def test_count_agrees_with_day_by_day_count(
		self, first: date, length: int, offsets: list[tuple[int, int]]
	) -> None:
		pauses = pauses_near(first, offsets)
		last = first + timedelta(days=length)
		expected = sum(
			1
			for day in days_between(first + timedelta(days=1), last)
			if day not in NON_WORKING_SET
			and not any(pause_from <= day <= pause_to for pause_from, pause_to in pauses)
		)
		self.assertEqual(CALENDAR.count_working_days(first, last, pauses), expected)


class TestOfficialArrangement(unittest.TestCase):
	def test_years_with_and_without_the_state_councils_notice(self) -> None:
		from govservice.domain.china_calendar import has_official_arrangement

		self.assertTrue(has_official_arrangement(2025))
		self.assertTrue(has_official_arrangement(2026))
		self.assertFalse(has_official_arrangement(2090))  # no notice will be known for years
