"""Rules of village outreach (no Frappe needed): ages from ID numbers, visit intervals and due dates,
dispatch order and response days, masked names, medians and shares."""

from __future__ import annotations

import unittest
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from govservice.domain.outreach_rules import (
	add_months,
	age_on,
	birth_date,
	gender,
	is_elderly,
	mask_name,
	median_days,
	next_visit_due,
	respond_by,
	share,
	urgency_rank,
	visit_interval,
	visit_state,
)

MONTHS = {"Lonely Elderly": 1, "Person with Disability": 3, "Orphan": 1, "Elderly": 3}


class TestPeople(unittest.TestCase):
	def test_birth_date_gender_and_age(self):
		self.assertEqual(birth_date("11010519491231002X"), date(1949, 12, 31))
		self.assertEqual(gender("11010519491231002X"), "Female")
		self.assertEqual(gender("110105195503150031"), "Male")
		self.assertIsNone(birth_date("1101051949"))
		self.assertEqual(age_on(date(1946, 6, 1), date(2026, 5, 31)), 79)
		self.assertEqual(age_on(date(1946, 6, 1), date(2026, 6, 1)), 80)
		self.assertTrue(is_elderly(date(1946, 6, 1), date(2026, 6, 1), 80))
		self.assertFalse(is_elderly(date(1946, 6, 1), date(2026, 5, 31), 80))
		self.assertFalse(is_elderly(None, date(2026, 6, 1), 80))
		self.assertFalse(is_elderly(date(1900, 1, 1), date(2026, 6, 1), 0))  # no threshold set
		self.assertEqual(age_on(date(1948, 2, 29), date(2028, 2, 28)), 79)  # a leap-day birthday

	def test_masked_names(self):
		self.assertEqual(mask_name("张三"), "张*")
		self.assertEqual(mask_name("欧阳娜娜"), "欧***")
		self.assertEqual(mask_name("李"), "李*")
		self.assertEqual(mask_name(" "), "")


class TestVisits(unittest.TestCase):
	def test_the_shortest_interval_of_the_groups(self):
		self.assertEqual(visit_interval(["Elderly"], MONTHS), 3)
		self.assertEqual(visit_interval(["Elderly", "Lonely Elderly"], MONTHS), 1)
		self.assertIsNone(visit_interval([], MONTHS))
		self.assertEqual(
			visit_interval(["Elderly", "Orphan"], {**MONTHS, "Orphan": 0}), 3
		)  # 0: not visited for it

	def test_due_dates_as_mariadb_adds_months(self):
		self.assertEqual(add_months(date(2026, 1, 31), 1), date(2026, 2, 28))
		self.assertEqual(add_months(date(2027, 11, 30), 3), date(2028, 2, 29))
		self.assertEqual(add_months(date(2026, 12, 15), 1), date(2027, 1, 15))
		self.assertEqual(next_visit_due(None, date(2026, 3, 10), 3), date(2026, 6, 10))
		self.assertEqual(next_visit_due(date(2026, 5, 1), date(2026, 3, 10), 1), date(2026, 6, 1))
		self.assertIsNone(next_visit_due(date(2026, 5, 1), date(2026, 3, 10), None))

	@given(st.dates(date(2000, 1, 1), date(2090, 12, 31)), st.integers(0, 36))
	def test_months_later_is_never_early_or_past_the_month(self, day, months):
		later = add_months(day, months)
		self.assertEqual((later.year * 12 + later.month) - (day.year * 12 + day.month), months)
		self.assertLessEqual(later.day, day.day)

	def test_states(self):
		today = date(2026, 11, 30)
		self.assertEqual(visit_state(date(2026, 11, 29), today), "Overdue")
		self.assertEqual(visit_state(today, today), "Due")
		self.assertEqual(visit_state(today + timedelta(days=14), today), "Due")
		self.assertEqual(visit_state(today + timedelta(days=15), today), "Not Due")
		self.assertEqual(visit_state(None, today), "Not Due")


class TestCollection(unittest.TestCase):
	def test_urgent_first_and_response_days(self):
		rows = ["Minor Need", "Urgent Need", "Can Wait", "Important Need", None]
		self.assertEqual(
			sorted(rows, key=urgency_rank), ["Urgent Need", "Important Need", "Can Wait", None, "Minor Need"]
		)

		def add_working_days(day, days):  # Monday to Friday
			if days == 0:
				while day.weekday() >= 5:
					day += timedelta(days=1)
				return day
			while days:
				day += timedelta(days=1)
				days -= day.weekday() < 5
			return day

		saturday = date(2026, 12, 5)
		self.assertEqual(respond_by(saturday, "Urgent Need", add_working_days), date(2026, 12, 7))
		self.assertEqual(respond_by(date(2026, 12, 2), "Urgent Need", add_working_days), date(2026, 12, 2))
		self.assertEqual(respond_by(date(2026, 12, 2), "Important Need", add_working_days), date(2026, 12, 3))
		self.assertEqual(respond_by(date(2026, 12, 2), "Can Wait", add_working_days), date(2026, 12, 7))
		self.assertEqual(respond_by(date(2026, 12, 2), "Minor Need", add_working_days), date(2026, 12, 9))

	def test_median_and_share(self):
		pairs = [
			(date(2026, 1, 1), date(2026, 1, 3)),
			(date(2026, 1, 1), None),
			(date(2026, 1, 1), date(2026, 1, 6)),
		]
		self.assertEqual(median_days(pairs), 3.5)
		self.assertIsNone(median_days([(None, date(2026, 1, 1))]))
		self.assertEqual(share(1, 3), 33.3)
		self.assertIsNone(share(0, 0))
