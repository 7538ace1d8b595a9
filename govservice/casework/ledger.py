"""The work log ledger (工作日志台账): one entry per action on a case, written only here."""

import frappe
from frappe.utils import now_datetime


def log_action(
	case, action: str, description: str = "", agent: str | None = None, centre: str | None = None
) -> str:
	"""Record `action` on `case` (a GS Case document) and return the ledger entry's name.

	Every module that acts on a case calls this; the ledger is never edited by hand. The entry records
	where the action was taken: the case's centre at that moment, unless `centre` says otherwise (a
	transfer is taken at the centre it leaves).
	"""
	entry = frappe.get_doc(
		{
			"doctype": "GS Work Log",
			"log_on": now_datetime(),
			"action": action,
			"gs_case": case.name,
			"service_centre": centre or case.service_centre,
			"agent": agent or case.agent,
			"user": frappe.session.user,
			"description": description,
		}
	)
	entry.flags.ignore_links = True  # its links are the case's own, just validated with the case
	entry.insert(ignore_permissions=True)  # the ledger is written by the system for the acting user
	return entry.name
