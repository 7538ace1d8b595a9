"""A reader's own emailed copy of a report: Frappe's Auto Email Report, which the reader turns on or off for
themselves from the report. It runs as its reader, through their scope (govservice.security.auto_email)."""

from __future__ import annotations

import frappe
from frappe import _


def subscription(report: str, user: str) -> str | None:
	return frappe.db.get_value("Auto Email Report", {"report": report, "user": user})


def check_reader(report: str) -> None:
	if frappe.session.user == "Guest" or not frappe.get_doc("Report", report).is_permitted():
		raise frappe.PermissionError(_("You may not read {0}.").format(_(report)))


def subscribed(report: str) -> dict:
	"""Whether the caller gets `report` by email."""
	check_reader(report)
	name = subscription(report, frappe.session.user)
	return {"enabled": bool(name and frappe.db.get_value("Auto Email Report", name, "enabled"))}


def subscribe(report: str, enabled: bool | int | str, description: str, **schedule) -> dict:
	"""Turn the caller's emailed copy of `report` on or off (an Auto Email Report for the caller only);
	`schedule`: frequency, day_of_week, format… of a new subscription."""
	check_reader(report)
	user = frappe.session.user
	enabled = frappe.utils.cint(enabled) == 1
	name = subscription(report, user)
	if name:
		doc = frappe.get_doc("Auto Email Report", name)
		doc.enabled = int(enabled)
	elif enabled:
		doc = frappe.get_doc(
			{
				"doctype": "Auto Email Report",
				"report": report,
				"user": user,
				"email_to": user,
				"enabled": 1,
				"no_of_rows": 500,
				"description": description,
				**schedule,
			}
		)
	else:
		return {"enabled": False}
	doc.flags.ignore_permissions = True  # the caller's own subscription to a report they may read
	doc.save()
	return {"enabled": bool(doc.enabled)}
