"""重点项目代办台账: each project the reader may see, its open stage, approvals, working days used and left,
and what holds it up (approvals past their due date, stages over their limit)."""

import frappe
from frappe import _
from frappe.utils import getdate

from govservice.key_projects.reports import project_filters, projects_with_plans, working_days
from govservice.reporting import column


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	projects = projects_with_plans(project_filters(filters))
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
		column("Key Project", "project", "Link", 140, "GS Key Project"),
		column("Project Name", "project_name", width=220),
		column("Owner Enterprise", "owner_enterprise", width=180),
		column("Liaison Agent", "liaison", width=100),
		column("Status", "status", width=80),
		column("Stage in Hand", "stage", width=140),
		column("Approvals in Progress", "in_progress", "Int", 110),
		column("Approved", "approved", width=80),
		column("Working Days Used", "days_used", "Int", 110),
		column("Planned Completion", "planned_finish", "Date", 110),
		column("Working Days Left", "days_left", "Int", 110),
		column("Held Up By", "blockers", width=240),
	]
	return columns, rows
