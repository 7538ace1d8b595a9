"""What every answer carries and leaves out (govservice.security.headers)."""

import json

import frappe
from werkzeug.wrappers import Response

from govservice.security.headers import add_security_headers
from govservice.tests.utils import FrappeTestCase


class TestAnswers(FrappeTestCase):
	def answer(self, body: dict) -> dict:
		response = Response(json.dumps(body), mimetype="application/json")
		add_security_headers(response, None)
		self.assertEqual(response.headers["X-Content-Type-Options"], "nosniff")
		return json.loads(response.get_data())

	def test_the_text_of_a_failed_query_never_reaches_the_client(self):
		"""Frappe sends a query it could not run back as `_debug_messages`: with it the reader's access rule
		and the users it names (an attacker's malformed `fields` showed them)."""
		leaked = {
			"exc_type": "ProgrammingError",
			"_debug_messages": '["select `name`` from `tabGS Case` where"]',
		}
		saved = frappe.local.conf.get("developer_mode")
		frappe.local.conf.developer_mode = 0
		try:
			self.assertEqual(self.answer(leaked), {"exc_type": "ProgrammingError"})
			frappe.local.conf.developer_mode = 1
			self.assertIn("_debug_messages", self.answer(leaked))  # a developer still reads it
		finally:
			frappe.local.conf.developer_mode = saved
