"""The work log ledger (工作日志台账): one entry per action on a case, written only here."""

import frappe
from frappe.utils import now_datetime


def log_action(
	case, action: str, description: str = "", agent: str | None = None, centre: str | None = None
) -> str:
	"""Record `action` on `case` (a GS Case document) and return the ledger entry's name.

	Every module that acts on a case calls this; the ledger is never edited by hand. The entry records
	where the action was taken: the case's centre at that moment, unless `centre` says otherwise (a
	transfer is taken at the centre it leaves), or the acting agent's own centre when they act on a case
	they follow outside it (a village agent's call about a case sent up to the county is the village's work
	and in the village's ledger).
	"""
	entry = frappe.get_doc(
		{
			"doctype": "GS Work Log",
			"log_on": now_datetime(),
			"action": action,
			"gs_case": case.name,
			"service_centre": centre or acting_centre(case),
			"agent": agent or case.agent,
			"user": frappe.session.user,
			"description": description,
		}
	)
	entry.flags.ignore_links = True  # its links are the case's own, just validated with the case
	entry.insert(ignore_permissions=True)  # the ledger is written by the system for the acting user
	return entry.name


def acting_centre(case) -> str:
	"""The case's centre, or the acting agent's when the case is outside the agent's centres."""
	from govservice.security.scope import user_centres

	user = frappe.session.user
	own = frappe.db.get_value("GS Agent", {"user": user, "is_active": 1}, "service_centre")
	if own and case.service_centre not in user_centres(user, "GS Case"):
		return own
	return case.service_centre
