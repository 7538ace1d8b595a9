"""What the key-project reports share: the projects the reader may see, with their stages and approvals,
read in three queries whatever the number of projects."""

from __future__ import annotations

import frappe
from frappe.utils import getdate

from govservice.domain.workdays import CalendarRangeError
from govservice.organisation.calendar import get_work_calendar

PROJECT_FIELDS = [
	"name",
	"project_name",
	"owner_enterprise",
	"liaison_agent",
	"service_centre",
	"status",
	"accepted_on",
	"planned_finish",
	"planned_working_days",
	"serial_working_days",
]


def project_filters(filters: dict | str | None) -> frappe._dict:
	"""The key-project reports' filters as a client sent them, read (govservice.reporting)."""
	from govservice.reporting import LinkFilter, SelectFilter, read_filters

	statuses = tuple(frappe.get_meta("GS Key Project").get_options("status").split("\n"))
	return read_filters(
		filters,
		SelectFilter("status", "Status", statuses),
		LinkFilter("service_centre", "Service Centre"),
	)


def projects_with_plans(filters: dict) -> list[frappe._dict]:
	"""The projects of `filters` the reader may see (frappe.get_list applies their scope), each with its
	`stages` and `approvals`."""
	conditions = {key: filters[key] for key in ("status", "service_centre") if filters.get(key)}
	projects = frappe.get_list(
		"GS Key Project",
		filters=conditions,
		fields=PROJECT_FIELDS,
		order_by="creation desc",
		limit_page_length=0,
	)
	names = [project.name for project in projects]
	by_parent: dict[str, dict[str, list]] = {name: {"stages": [], "approvals": []} for name in names}
	if names:
		for table, doctype, fields in (
			(
				"stages",
				"GS Project Stage",
				["stage_name", "stage_status", "due_date", "over_limit", "completed_on"],
			),
			(
				"approvals",
				"GS Project Approval",
				[
					"item_name",
					"approval_status",
					"due_date",
					"approved_on",
					"is_required",
					"limit_days",
					"service_item",
				],
			),
		):
			for row in frappe.get_all(
				doctype,
				filters={"parenttype": "GS Key Project", "parent": ["in", names]},
				fields=["parent", *fields],
				order_by="idx asc",
			):  # rows of the projects read above, through the reader's scope
				by_parent[row.parent][table].append(row)
	for project in projects:
		project.update(by_parent[project.name])
	return projects


def working_days(start, end) -> int | None:
	"""Working days from `start` to `end` (negative when `end` is earlier), or None out of the calendar."""
	if not start or not end:
		return None
	start, end = getdate(start), getdate(end)
	calendar = get_work_calendar()
	try:
		if end >= start:
			return calendar.count_working_days(start, end)
		return -calendar.count_working_days(end, start)
	except CalendarRangeError:
		return None
