"""The weekly project dispatch ledger (重点项目代办台账) by email, every Monday, for the reader who asks for it
(govservice.report_mail)."""

from __future__ import annotations

import frappe
from frappe import _

from govservice.report_mail import subscribe, subscribed

REPORT = "Key Project Ledger"


@frappe.whitelist()
def weekly_ledger_mail() -> dict:
	"""Whether the caller gets the ledger every Monday."""
	return subscribed(REPORT)


@frappe.whitelist(methods=["POST"])
def set_weekly_ledger_mail(enabled: bool | int | str) -> dict:
	"""Turn the caller's Monday email of the ledger on or off (an Auto Email Report for the caller only)."""
	return subscribe(
		REPORT,
		enabled,
		_("Your key projects: stage, approvals, working days used and left, and blockers."),
		frequency="Weekly",
		day_of_week="Monday",
		format="HTML",
	)
