"""The tests' records go onto sites made for tests only.

The browser tests, the security suite and the benchmarks create accounts whose passwords are written in this
repository, tune settings for speed (a 3-second gap between texted codes) and add records by the thousand. On
any other site that would leave a door open: they refuse a site whose configuration does not allow tests
(`allow_tests`, which `scripts/test` sets on the site it creates; set it only on a scratch site)."""

import frappe


class NotATestSite(Exception):
	pass


def require_test_site() -> None:
	if not frappe.conf.get("allow_tests"):
		raise NotATestSite(
			f"{frappe.local.site} is not a site made for tests (its site_config.json does not set allow_tests): "
			"the tests' accounts and settings go only onto a scratch site. Create one, e.g. "
			"`bench new-site scratch.localhost … && bench --site scratch.localhost install-app erpnext "
			"govservice && bench --site scratch.localhost set-config allow_tests 1`, and run it there."
		)
