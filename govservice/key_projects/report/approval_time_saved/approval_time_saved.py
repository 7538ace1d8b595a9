"""审批提速对比: per project and overall, what its approvals took and will take against the same approvals
one after another, each figure saying what it is:

- *used*: working days actually taken, from acceptance to the completion of the last completed stage (the
  stages still open are not in it);
- *still planned*: the plan's working days for the stages still open, from there to the planned finish;
- *one after another*: the limits of the plan's **required** approvals added up (optional ones left out);
- *statutory*: the same approvals' statutory limits from the catalogue (the plan's limit where an approval
  is not linked to its catalogue item; the report says how many were).

The share saved compares used + still planned with one after another."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate

from govservice.key_projects.reports import project_filters, projects_with_plans, working_days
from govservice.reporting import column


def figures(project, statutory_limits: dict[str, int]) -> dict:
	"""The project's four figures (working days) and how many required approvals have no statutory limit
	from the catalogue."""
	completed = [
		getdate(s.completed_on) for s in project.stages if s.stage_status == "Completed" and s.completed_on
	]
	last_done = max(completed, default=None)
	used = (working_days(project.accepted_on, last_done) or 0) if last_done else 0
	if project.status == "Completed" or not project.planned_finish:
		planned = 0
	else:
		planned = max(working_days(last_done or project.accepted_on, project.planned_finish) or 0, 0)
	required = [a for a in project.approvals if a.is_required]
	serial = sum(a.limit_days or 0 for a in required)
	unlinked = [a for a in required if not statutory_limits.get(a.service_item or "")]
	statutory = sum(statutory_limits.get(a.service_item or "") or a.limit_days or 0 for a in required)
	return {
		"used": used,
		"planned": planned,
		"serial": serial,
		"statutory": statutory,
		"unlinked": len(unlinked),
	}


def execute(filters: dict | None = None) -> tuple:
	projects = [p for p in projects_with_plans(project_filters(filters)) if p.accepted_on]
	items = {a.service_item for p in projects for a in p.approvals if a.service_item}
	statutory_limits = dict(
		frappe.get_all(
			"GS Service Item",
			filters={"name": ["in", list(items)]},
			fields=["name", "statutory_limit_days"],
			as_list=True,
		)
		if items
		else []
	)
	rows = []
	for project in projects:
		values = figures(project, statutory_limits)
		if not values["serial"]:
			continue
		total = values["used"] + values["planned"]
		rows.append(
			{
				"project": project.name,
				"project_name": project.project_name,
				"status": _(project.status),
				**values,
				"total": total,
				"saved": values["serial"] - total,
				"saved_share": round(100.0 * (values["serial"] - total) / values["serial"], 1),
			}
		)
	message = None
	if rows:
		used, planned = sum(r["used"] for r in rows), sum(r["planned"] for r in rows)
		serial, statutory = sum(r["serial"] for r in rows), sum(r["statutory"] for r in rows)
		unlinked = sum(r["unlinked"] for r in rows)
		parts = [
			_("Overall: {0} working days used in completed stages.").format(used),
			_("{0} planned for the stages still open; {1} in all.").format(planned, used + planned),
			_("The required approvals one after another: {0}; used and planned are {1}% less.").format(
				serial, round(100.0 * (serial - used - planned) / serial, 1)
			),
			_("Their statutory limits: {0}.").format(statutory),
		]
		if unlinked:
			parts.append(
				_("{0} required approvals have no catalogue item: their planned limit stands in.").format(
					unlinked
				)
			)
		message = " ".join(parts)
	columns = [
		column("Key Project", "project", "Link", 140, "GS Key Project"),
		column("Project Name", "project_name", width=220),
		column("Status", "status", width=80),
		column("Used (Completed Stages)", "used", "Int", 150),
		column("Still Planned (Open Stages)", "planned", "Int", 150),
		column("Used and Planned", "total", "Int", 120),
		column("Required Approvals One After Another", "serial", "Int", 180),
		column("Statutory Limits", "statutory", "Int", 120),
		column("Working Days Saved", "saved", "Int", 120),
		column("Share Saved (%)", "saved_share", "Percent", 110),
	]
	return columns, rows, message
