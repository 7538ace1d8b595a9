"""The weekly project dispatch ledger (重点项目代办台账) by email: Frappe's Auto Email Report, which a reader of
the ledger turns on or off for themselves from the report. It runs as its reader, through their scope
(govservice.security.auto_email), every Monday."""

from __future__ import annotations

import frappe
from frappe import _

REPORT = "Key Project Ledger"


def subscription(user: str) -> str | None:
	return frappe.db.get_value("Auto Email Report", {"report": REPORT, "user": user})


def may_read_ledger() -> bool:
	return frappe.session.user != "Guest" and frappe.get_doc("Report", REPORT).is_permitted()


@frappe.whitelist()
def weekly_ledger_mail() -> dict:
	"""Whether the caller gets the ledger every Monday."""
	if not may_read_ledger():
		raise frappe.PermissionError(_("You may not read the key project ledger."))
	name = subscription(frappe.session.user)
	return {"enabled": bool(name and frappe.db.get_value("Auto Email Report", name, "enabled"))}


@frappe.whitelist(methods=["POST"])
def set_weekly_ledger_mail(enabled: bool | int | str) -> dict:
	"""Turn the caller's Monday email of the ledger on or off (an Auto Email Report for the caller only)."""
	if not may_read_ledger():
		raise frappe.PermissionError(_("You may not read the key project ledger."))
	user = frappe.session.user
	enabled = frappe.utils.cint(enabled) == 1
	name = subscription(user)
	if name:
		doc = frappe.get_doc("Auto Email Report", name)
		doc.enabled = int(enabled)
	elif enabled:
		doc = frappe.get_doc(
			{
				"doctype": "Auto Email Report",
				"report": REPORT,
				"user": user,
				"email_to": user,
				"enabled": 1,
				"frequency": "Weekly",
				"day_of_week": "Monday",
				"format": "HTML",
				"no_of_rows": 500,
				"description": _(
					"Your key projects: stage, approvals, working days used and left, and blockers."
				),
			}
		)
	else:
		return {"enabled": False}
	doc.flags.ignore_permissions = True  # the caller's own subscription to a report they may read
	doc.save()
	return {"enabled": bool(doc.enabled)}
