"""A date or month a client sends is read as an ISO date or refused, never handed to Frappe's getdate, which
answers an unparsable value with a message that repeats it, markup and all."""

import datetime

import frappe

from govservice.domain.performance_rules import parse_month
from govservice.reporting import DateFilter
from govservice.tests.utils import FrappeTestCase

HOSTILE = (
	"<img src=x onerror=alert(1)>",
	"../../../etc/passwd",
	"2026-13-01",
	"2026-02-30",
	"now",
	"1 or 1=1",
)


class TestHostileDates(FrappeTestCase):
	def test_months(self):
		self.assertEqual(parse_month("2026-11"), datetime.date(2026, 11, 1))
		self.assertEqual(parse_month("2026-11-30"), datetime.date(2026, 11, 1))
		self.assertEqual(parse_month("２０２６-１１"), datetime.date(2026, 11, 1))  # full-width digits
		self.assertEqual(parse_month(datetime.date(2026, 11, 17)), datetime.date(2026, 11, 1))
		for value in (*HOSTILE, "", None, "2026-1-1x", "२०२६-११"):
			self.assertIsNone(parse_month(value), value)

	def test_report_date_filters_refuse_without_echo(self):
		read = DateFilter("from_date", "From Date").read
		self.assertEqual(read("2026-11-30"), datetime.date(2026, 11, 30))
		self.assertEqual(read("2026-11-30 08:00:00"), datetime.date(2026, 11, 30))
		self.assertEqual(read(datetime.datetime(2026, 11, 30, 8)), datetime.date(2026, 11, 30))
		for value in HOSTILE:
			frappe.local.message_log = []
			with self.assertRaises(frappe.ValidationError):
				read(value)
			said = str(frappe.local.message_log)
			self.assertNotIn("onerror", said)
			self.assertNotIn("passwd", said)
