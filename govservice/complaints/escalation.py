"""Daily escalation of "办不成事" matters nobody acted on (scheduler, office hours, working days only)."""

import frappe
from frappe import _
from frappe.utils import cint, escape_html, getdate, now_datetime

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
			frappe.get_doc("GS Complaint", row.name).escalate_to_next_level()
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
	reminded = remind_complaint_deadlines(today, calendar.add_working_days(today, 1), settings.window_lead)
	return {"escalated": escalated, "overdue": len(overdue), "reminded": reminded}


def remind_complaint_deadlines(today, next_working_day, window_lead: str | None) -> int:
	"""Once before the deadline (due the next working day) and once after it, to whoever holds the matter
	and the window lead."""
	sent = 0
	for kind, flag, condition in (
		("before", "reminded_before_deadline", ["=", next_working_day]),
		("after", "reminded_after_deadline", ["<", today]),
	):
		for row in frappe.get_all(
			"GS Complaint",
			filters={"status": ["in", ["Registered", "Dispatched"]], "deadline_date": condition, flag: 0},
			fields=["name", "assigned_to", "reporter_name", "deadline_date"],
		):
			subject = (
				_("{0} ({1}) must be done and replied by {2}")
				if kind == "before"
				else _("{0} ({1}) is past its deadline {2}")
			).format(row.name, escape_html(row.reporter_name or ""), row.deadline_date)  # shown as HTML
			for user in {row.assigned_to, window_lead} - {None}:
				frappe.get_doc(
					{
						"doctype": "Notification Log",
						"subject": subject,
						"for_user": user,
						"type": "Alert",
						"document_type": "GS Complaint",
						"document_name": row.name,
						"from_user": "Administrator",
					}
				).insert(ignore_permissions=True)  # system reminder
			frappe.db.set_value("GS Complaint", row.name, flag, 1)
			sent += 1
	return sent
