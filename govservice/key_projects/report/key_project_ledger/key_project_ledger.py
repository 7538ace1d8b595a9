"""重点项目代办台账: each project the reader may see, its open stage, approvals, working days used and left,
and what holds it up (approvals past their due date, stages over their limit)."""

import frappe
from frappe import _
from frappe.utils import getdate

from govservice.key_projects.reports import projects_with_plans, working_days


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	filters = frappe._dict(filters or {})
	projects = projects_with_plans(filters)
	agents = dict(
		frappe.get_all(
			"GS Agent",
			filters={"name": ["in", list({p.liaison_agent for p in projects})]},
			fields=["name", "agent_name"],
			as_list=True,
		)
	)  # the liaison agents of the projects read, not every agent of the province
	now = getdate()
	rows = []
	for project in projects:
		open_stages = [s.stage_name for s in project.stages if s.stage_status == "Open"]
		approvals = project.approvals
		late = [
			a.item_name
			for a in approvals
			if a.approval_status == "In Progress" and a.due_date and a.due_date < now
		]
		over = [s.stage_name for s in project.stages if s.over_limit and s.stage_status != "Completed"]
		blockers = [_("{0} overdue").format(name) for name in late]
		blockers += [_("{0} over its limit").format(name) for name in over]
		rows.append(
			{
				"project": project.name,
				"project_name": project.project_name,
				"owner_enterprise": project.owner_enterprise,
				"liaison": agents.get(project.liaison_agent) or project.liaison_agent,
				"status": _(project.status),
				"stage": "、".join(open_stages),
				"in_progress": sum(1 for a in approvals if a.approval_status == "In Progress"),
				"approved": f"{sum(1 for a in approvals if a.approval_status == 'Approved')}/{len(approvals)}",
				"days_used": working_days(project.accepted_on, now) if project.accepted_on else None,
				"planned_finish": project.planned_finish,
				"days_left": working_days(now, project.planned_finish)
				if project.accepted_on and project.status != "Completed"
				else None,
				"blockers": "；".join(blockers),
			}
		)
	columns = [
		{
			"label": _("Key Project"),
			"fieldname": "project",
			"fieldtype": "Link",
			"options": "GS Key Project",
			"width": 140,
		},
		{"label": _("Project Name"), "fieldname": "project_name", "fieldtype": "Data", "width": 220},
		{"label": _("Owner Enterprise"), "fieldname": "owner_enterprise", "fieldtype": "Data", "width": 180},
		{"label": _("Liaison Agent"), "fieldname": "liaison", "fieldtype": "Data", "width": 100},
		{"label": _("Status"), "fieldname": "status", "fieldtype": "Data", "width": 80},
		{"label": _("Stage in Hand"), "fieldname": "stage", "fieldtype": "Data", "width": 140},
		{"label": _("Approvals in Progress"), "fieldname": "in_progress", "fieldtype": "Int", "width": 110},
		{"label": _("Approved"), "fieldname": "approved", "fieldtype": "Data", "width": 80},
		{"label": _("Working Days Used"), "fieldname": "days_used", "fieldtype": "Int", "width": 110},
		{"label": _("Planned Completion"), "fieldname": "planned_finish", "fieldtype": "Date", "width": 110},
		{"label": _("Working Days Left"), "fieldname": "days_left", "fieldtype": "Int", "width": 110},
		{"label": _("Held Up By"), "fieldname": "blockers", "fieldtype": "Data", "width": 240},
	]
	return columns, rows
