"""Key projects planned before the timetable kept each stage's and approval's planned start and finish: time
their plans again (the dates only; nothing else of the project changes)."""

import frappe

from govservice.key_projects.plan import refresh_schedule


def execute() -> None:
	for name in frappe.get_all("GS Key Project", pluck="name"):
		project = frappe.get_doc("GS Key Project", name)
		try:
			refresh_schedule(project)
		except frappe.ValidationError:  # a plan past the calendar: timed at its next save
			continue
		for row in [*project.stages, *project.approvals]:
			row.db_update()
