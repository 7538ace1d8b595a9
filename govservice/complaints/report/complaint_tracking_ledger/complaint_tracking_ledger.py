"""处理进度跟踪台账: every matter registered in the period and where it stands."""

import frappe
from frappe import _

from govservice.complaints.utils import complaints_in, outcome, period


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	filters = frappe._dict(filters or {})
	from_date, to_date = period(filters)
	rows = complaints_in(from_date, to_date, filters.get("department"))
	for row in rows:
		row.outcome = _(outcome(row))
		row.classification = _(row.classification) if row.classification else ""
		row.escalation_level = _(row.escalation_level) if row.escalation_level else ""
	columns = [
		{"label": _("Registered On"), "fieldname": "registered_on", "fieldtype": "Datetime", "width": 150},
		{
			"label": _("Complaint"),
			"fieldname": "name",
			"fieldtype": "Link",
			"options": "GS Complaint",
			"width": 150,
		},
		{"label": _("Reporter"), "fieldname": "reporter_name", "fieldtype": "Data", "width": 100},
		{"label": _("Description"), "fieldname": "description", "fieldtype": "Data", "width": 220},
		{"label": _("Department"), "fieldname": "department_name", "fieldtype": "Data", "width": 140},
		{"label": _("Classification"), "fieldname": "classification", "fieldtype": "Data", "width": 120},
		{"label": _("Deadline"), "fieldname": "deadline_date", "fieldtype": "Date", "width": 100},
		{"label": _("Handled At"), "fieldname": "escalation_level", "fieldtype": "Data", "width": 120},
		{
			"label": _("Assigned To"),
			"fieldname": "assigned_to",
			"fieldtype": "Link",
			"options": "User",
			"width": 150,
		},
		{"label": _("Progress"), "fieldname": "outcome", "fieldtype": "Data", "width": 90},
		{"label": _("Replied On"), "fieldname": "replied_on", "fieldtype": "Datetime", "width": 150},
	]
	return columns, rows
