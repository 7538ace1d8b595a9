"""审批提速对比: per project and overall, the working days its approvals take in parallel by stage against
the sum of the same approvals' limits one after another — the "halve it again" figure."""

from frappe import _

from govservice.key_projects.reports import project_filters, projects_with_plans, working_days
from govservice.reporting import column


def used_days(project) -> int | None:
	"""A completed project's working days from acceptance to its last approval; otherwise the plan's."""
	if project.status == "Completed":
		last = max((a.approved_on for a in project.approvals if a.approved_on), default=None)
		return working_days(project.accepted_on, last)
	return project.planned_working_days


def execute(filters: dict | None = None) -> tuple:
	rows = []
	for project in projects_with_plans(project_filters(filters)):
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
		column("Key Project", "project", "Link", 140, "GS Key Project"),
		column("Project Name", "project_name", width=240),
		column("Status", "status", width=80),
		column("Working Days (Parallel, by Stage)", "used", "Int", 160),
		column("Working Days One After Another", "serial", "Int", 160),
		column("Working Days Saved", "saved", "Int", 120),
		column("Share Saved (%)", "saved_share", "Percent", 110),
	]
	return columns, rows, message
