"""Daily escalation of "办不成事" matters nobody acted on (scheduler, office hours, working days only)."""

import frappe
from frappe.utils import cint, getdate, now_datetime

from govservice.organisation.calendar import get_work_calendar

LEVEL_SETTING = {"Department Contact": "contact_response_days", "Leader in Charge": "leader_response_days"}


def escalate_stalled_complaints() -> dict[str, int]:
	"""Escalate dispatched matters without a reply whose current level let its response time pass, and
	flag matters past their deadline. Runs once a working day; escalating twice needs another full wait."""
	today = getdate(now_datetime())
	calendar = get_work_calendar()
	if not calendar.is_working_day(today):
		return {}
	settings = frappe.get_cached_doc("GS Settings")
	stalled = frappe.get_all(
		"GS Complaint",
		filters={"status": "Dispatched", "escalation_level": ["in", list(LEVEL_SETTING)]},
		fields=["name", "escalation_level", "handed_on"],
	)
	escalated = 0
	for row in stalled:
		wait = cint(settings.get(LEVEL_SETTING[row.escalation_level])) or 1
		if calendar.count_working_days(getdate(row.handed_on), today) < wait:
			continue
		try:
			frappe.get_doc("GS Complaint", row.name).escalate()
			escalated += 1
		except Exception:
			frappe.log_error(title=f"Escalating complaint {row.name} failed")
	overdue = frappe.get_all(
		"GS Complaint",
		filters={
			"status": ["in", ["Registered", "Dispatched"]],
			"deadline_date": ["<", today],
			"is_overdue": 0,
		},
		pluck="name",
	)
	for name in overdue:
		frappe.db.set_value("GS Complaint", name, "is_overdue", 1)
	return {"escalated": escalated, "overdue": len(overdue)}
