"""After log-in a browser goes to a path of this site only. No Frappe."""

import unittest

from govservice.domain.redirects import safe_redirect


class TestSafeRedirect(unittest.TestCase):
	def test_paths_of_this_site_pass(self):
		for target in ("/apply?item=422828-MZ-001", "/my-requests/GS-CASE-2026-00001", "/services?q=低保"):
			self.assertEqual(safe_redirect(target), target)

	def test_other_hosts_and_tricks_go_home(self):
		for target in (
			None,
			"",
			"https://evil.example/",
			"//evil.example/",
			"/\\evil.example",
			"/\t/evil.example",
			"/\n/evil.example",
			"javascript:alert(1)",
			"evil.example",
		):
			self.assertEqual(safe_redirect(target), "/my-requests", repr(target))
