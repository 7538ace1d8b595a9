"""Tests for one-time SMS codes: expiry, guesses, single use, keyed hashes and send limits. No Frappe."""

from __future__ import annotations

import unittest

from hypothesis import given, settings
from hypothesis import strategies as st

from govservice.domain.sms_codes import (
	CODE_DIGITS,
	StoredCode,
	check,
	code_hash,
	issue,
	may_send,
	new_code,
)

SECRET = "site-secret"
PHONE = "13800000000"
T0 = 1_800_000_000.0


class TestCodes(unittest.TestCase):
	def test_codes_are_six_digits_and_vary(self):
		codes = {new_code() for _ in range(200)}
		self.assertTrue(all(len(code) == CODE_DIGITS and code.isdigit() for code in codes))
		self.assertGreater(len(codes), 190)

	def test_the_store_holds_no_code(self):
		stored = issue(SECRET, PHONE, "signup", "123456", T0, minutes=5, attempts=5)
		self.assertNotIn("123456", repr(stored.to_dict()))
		self.assertEqual(StoredCode.from_dict(stored.to_dict()), stored)

	def test_a_hash_is_bound_to_number_purpose_and_secret(self):
		base = code_hash(SECRET, PHONE, "signup", "123456")
		self.assertNotEqual(base, code_hash(SECRET, "13800000001", "signup", "123456"))
		self.assertNotEqual(base, code_hash(SECRET, PHONE, "login", "123456"))
		self.assertNotEqual(base, code_hash("other-site", PHONE, "signup", "123456"))

	def test_right_code_before_expiry_passes_once(self):
		stored = issue(SECRET, PHONE, "login", "012345", T0, minutes=5, attempts=5)
		result = check(stored, SECRET, PHONE, "login", " 012345 ", T0 + 299)
		self.assertEqual((result.ok, result.reason, result.keep), (True, "ok", None))

	def test_code_expires(self):
		stored = issue(SECRET, PHONE, "login", "012345", T0, minutes=5, attempts=5)
		result = check(stored, SECRET, PHONE, "login", "012345", T0 + 300)
		self.assertEqual((result.ok, result.reason, result.keep), (False, "expired", None))

	def test_code_for_another_purpose_fails(self):
		stored = issue(SECRET, PHONE, "signup", "012345", T0, minutes=5, attempts=5)
		self.assertFalse(check(stored, SECRET, PHONE, "reset", "012345", T0 + 1).ok)

	def test_wrong_guesses_use_up_the_code(self):
		stored = issue(SECRET, PHONE, "login", "012345", T0, minutes=5, attempts=3)
		first = check(stored, SECRET, PHONE, "login", "999999", T0 + 1)
		self.assertEqual((first.reason, first.keep.attempts_left), ("wrong", 2))
		second = check(first.keep, SECRET, PHONE, "login", "999998", T0 + 2)
		self.assertEqual((second.reason, second.keep.attempts_left), ("wrong", 1))
		third = check(second.keep, SECRET, PHONE, "login", "999997", T0 + 3)
		self.assertEqual((third.reason, third.keep), ("spent", None))

	def test_nothing_stored_fails(self):
		self.assertEqual(check(None, SECRET, PHONE, "login", "012345", T0).reason, "missing")

	def test_unknown_purpose_is_refused(self):
		with self.assertRaises(ValueError):
			issue(SECRET, PHONE, "admin", "012345", T0, minutes=5, attempts=5)

	@settings(max_examples=200, deadline=None)
	@given(st.text(alphabet="0123456789", min_size=0, max_size=8))
	def test_only_the_issued_code_matches(self, guess):
		stored = issue(SECRET, PHONE, "login", "424242", T0, minutes=5, attempts=5)
		self.assertEqual(check(stored, SECRET, PHONE, "login", guess, T0 + 1).ok, guess == "424242")


class TestSendLimits(unittest.TestCase):
	def test_first_send_is_allowed(self):
		self.assertEqual(may_send([], T0, per_hour=5, gap_seconds=60), (True, 0))

	def test_gap_between_sends(self):
		allowed, wait = may_send([T0], T0 + 20, per_hour=5, gap_seconds=60)
		self.assertEqual((allowed, wait), (False, 41))
		self.assertTrue(may_send([T0], T0 + 60, per_hour=5, gap_seconds=60)[0])

	def test_hourly_limit_and_when_it_lifts(self):
		sent = [T0 + i * 100 for i in range(5)]
		allowed, wait = may_send(sent, T0 + 1000, per_hour=5, gap_seconds=60)
		self.assertFalse(allowed)
		self.assertEqual(wait, 2601)  # the oldest of the five leaves the hour at T0 + 3600
		self.assertTrue(may_send(sent, T0 + 3600, per_hour=5, gap_seconds=60)[0])

	def test_zero_means_no_hourly_limit(self):
		sent = [T0 + i for i in range(100)]
		self.assertTrue(may_send(sent, T0 + 200, per_hour=0, gap_seconds=0)[0])

	@settings(max_examples=200, deadline=None)
	@given(st.lists(st.floats(min_value=0, max_value=7200), max_size=30), st.integers(1, 10))
	def test_never_more_than_the_limit_in_an_hour(self, offsets, per_hour):
		now = T0 + 7200
		sent = [now - offset for offset in offsets]
		allowed, _wait = may_send(sent, now, per_hour=per_hour, gap_seconds=0)
		in_hour = sum(1 for t in sent if now - t < 3600)
		self.assertEqual(allowed, in_hour < per_hour)
