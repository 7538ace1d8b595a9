"""The service hall's rules (no Frappe needed): numbers, the order tickets are called in, waits, slots from
opening hours and their capacity, bookable slots, no-shows and the bar that follows them."""

from __future__ import annotations

import unittest
from datetime import date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from govservice.domain.hall_rules import (
	Waiting,
	barred_until,
	bookable,
	call_order,
	call_text,
	estimated_wait_minutes,
	is_no_show,
	periods_of,
	slot_capacity,
	slots,
	spoken_number,
	ticket_number,
)

NOW = datetime(2026, 12, 8, 10, 0)


class TestHallRules(unittest.TestCase):
	def test_numbers(self):
		self.assertEqual(ticket_number("A", 12), "A012")
		self.assertEqual(ticket_number("B", 1000), "B1000")
		for prefix in ("a", "AA", "Ａ", "", "1"):
			with self.assertRaises(ValueError):
				ticket_number(prefix, 1)
		with self.assertRaises(ValueError):
			ticket_number("A", 0)
		self.assertEqual(spoken_number("A012"), "A零一二")
		self.assertEqual(call_text("A012", "3号窗口"), "请A012号到3号窗口办理")

	def test_call_order(self):
		tickets = [
			Waiting("walk-1", 1),
			Waiting("walk-2", 2),
			Waiting("appt-later", 3, slot_start=NOW + timedelta(minutes=30)),
			Waiting("appt-now", 4, slot_start=NOW - timedelta(minutes=5)),
			Waiting("sent-here", 5, sent_to="3号窗口"),
			Waiting("sent-elsewhere", 6, sent_to="5号窗口"),
		]
		order = [t.name for t in call_order(tickets, NOW, "3号窗口")]
		# sent here first, then the appointment whose slot began, then by number; another window's never
		self.assertEqual(order, ["sent-here", "appt-now", "walk-1", "walk-2", "appt-later"])

	@given(st.lists(st.integers(min_value=1, max_value=500), unique=True, max_size=30))
	def test_walk_ins_are_called_by_number(self, numbers):
		order = call_order([Waiting(str(n), n) for n in numbers], NOW)
		self.assertEqual([t.sequence for t in order], sorted(numbers))

	@given(st.integers(0, 500), st.integers(0, 20), st.integers(1, 60))
	def test_wait_estimate(self, ahead, windows, minutes):
		wait = estimated_wait_minutes(ahead, windows, minutes)
		self.assertGreaterEqual(wait, 0)
		if ahead == 0:
			self.assertEqual(wait, 0)
		else:
			# enough time for everyone ahead, served by the windows open (at least one)
			self.assertGreaterEqual(wait * max(windows, 1), ahead * minutes)
			self.assertLess((wait - 1) * max(windows, 1), ahead * minutes)

	def test_periods_from_opening_hours(self):
		self.assertEqual(
			periods_of("工作日 8:30-12:00, 14:30-17:30;周六上午预约办理"),
			[("08:30", "12:00"), ("14:30", "17:30")],
		)
		self.assertEqual(periods_of("9：00—11：30"), [("09:00", "11:30")])
		self.assertEqual(periods_of(""), [("08:30", "12:00"), ("14:30", "17:30")])
		self.assertEqual(periods_of("12:00-08:00"), [("08:30", "12:00"), ("14:30", "17:30")])  # backwards

	def test_open_hours(self):
		from datetime import time

		from govservice.domain.hall_rules import is_open

		day = [("08:30", "12:00"), ("14:30", "17:30")]
		self.assertTrue(is_open(day, time(8, 30)))
		self.assertFalse(is_open(day, time(8, 0)))
		self.assertTrue(is_open(day, time(8, 0), early_minutes=30))
		self.assertFalse(is_open(day, time(12, 0)))
		self.assertFalse(is_open(day, time(13, 0)))
		self.assertTrue(is_open(day, time(17, 29)))
		self.assertFalse(is_open(day, time(22, 0), early_minutes=30))

	def test_slots_and_capacity(self):
		day = slots([("08:30", "12:00"), ("14:30", "17:30")], 30)
		self.assertEqual(day[0], ("08:30", "09:00"))
		self.assertEqual(day[-1], ("17:00", "17:30"))
		self.assertEqual(len(day), 7 + 6)
		self.assertEqual(slots([("08:30", "09:10")], 30), [("08:30", "09:00")])  # no short last piece
		self.assertEqual(slot_capacity(2, 30, 10, 50), 3)  # 2 windows × 3 services, half for appointments
		self.assertEqual(slot_capacity(1, 30, 45, 50), 1)  # at least one while a window serves it
		self.assertEqual(slot_capacity(0, 30, 10, 50), 0)
		self.assertEqual(slot_capacity(2, 30, 10, 150), 6)  # a share above 100 % is 100 %

	def test_bookable_and_no_show(self):
		day = NOW.date()
		self.assertFalse(bookable(day, "10:15", NOW, 30, 7))  # too soon
		self.assertTrue(bookable(day, "10:30", NOW, 30, 7))
		self.assertFalse(bookable(day + timedelta(days=8), "09:00", NOW, 30, 7))  # too far ahead
		self.assertFalse(is_no_show(day, "10:00", NOW + timedelta(minutes=15), 15))
		self.assertTrue(is_no_show(day, "10:00", NOW + timedelta(minutes=16), 15))

	def test_no_show_bar(self):
		today = date(2026, 12, 8)
		missed = [today - timedelta(days=d) for d in (1, 20, 40)]
		self.assertEqual(
			barred_until(missed, today, 3, 90, 30), today - timedelta(days=1) + timedelta(days=30)
		)
		self.assertIsNone(barred_until(missed[:2], today, 3, 90, 30))
		self.assertIsNone(
			barred_until([today - timedelta(days=d) for d in (100, 101, 102)], today, 3, 90, 30)
		)
		self.assertIsNone(barred_until(missed, today + timedelta(days=40), 3, 90, 30))  # the bar ended
		self.assertIsNone(barred_until(missed, today, 0, 90, 30))  # the rule switched off
