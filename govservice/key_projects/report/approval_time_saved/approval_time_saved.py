"""审批提速对比: per project and overall, the working days its approvals take in parallel by stage against
the sum of the same approvals' limits one after another — the "halve it again" figure."""

import frappe
from frappe import _

from govservice.key_projects.reports import projects_with_plans, working_days


def used_days(project) -> int | None:
	"""A completed project's working days from acceptance to its last approval; otherwise the plan's."""
	if project.status == "Completed":
		last = max((a.approved_on for a in project.approvals if a.approved_on), default=None)
		return working_days(project.accepted_on, last)
	return project.planned_working_days


def execute(filters: dict | None = None) -> tuple:
	filters = frappe._dict(filters or {})
	rows = []
	for project in projects_with_plans(filters):
		if not project.accepted_on or not project.serial_working_days:
			continue
		used = used_days(project) or 0
		rows.append(
			{
				"project": project.name,
				"project_name": project.project_name,
				"status": _(project.status),
				"used": used,
				"serial": project.serial_working_days,
				"saved": project.serial_working_days - used,
				"saved_share": round(
					100.0 * (project.serial_working_days - used) / project.serial_working_days, 1
				),
			}
		)
	message = None
	if rows:
		used, serial = sum(r["used"] for r in rows), sum(r["serial"] for r in rows)
		message = _("Overall: {0} working days against {1} one after another, {2}% less.").format(
			used, serial, round(100.0 * (serial - used) / serial, 1)
		)
	columns = [
		{
			"label": _("Key Project"),
			"fieldname": "project",
			"fieldtype": "Link",
			"options": "GS Key Project",
			"width": 140,
		},
		{"label": _("Project Name"), "fieldname": "project_name", "fieldtype": "Data", "width": 240},
		{"label": _("Status"), "fieldname": "status", "fieldtype": "Data", "width": 80},
		{
			"label": _("Working Days (Parallel, by Stage)"),
			"fieldname": "used",
			"fieldtype": "Int",
			"width": 160,
		},
		{
			"label": _("Working Days One After Another"),
			"fieldname": "serial",
			"fieldtype": "Int",
			"width": 160,
		},
		{"label": _("Working Days Saved"), "fieldname": "saved", "fieldtype": "Int", "width": 120},
		{"label": _("Share Saved (%)"), "fieldname": "saved_share", "fieldtype": "Percent", "width": 110},
	]
	return columns, rows, message
