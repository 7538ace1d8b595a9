"""Queries shared by the complaint ledgers and weekly reports (办不成事台账 and 周报)."""

from collections import Counter

import frappe
from frappe import _
from frappe.utils import add_days, getdate, nowdate


def period(filters: dict | str | None) -> tuple:
	"""The report's week: from_date..to_date, by default the seven days up to today."""
	from govservice.reporting import DateFilter, read_filters

	read = read_filters(
		filters, DateFilter("from_date", "From"), DateFilter("to_date", "To"), period=("from_date", "to_date")
	)
	to_date = read.to_date or getdate(nowdate())
	return read.from_date or add_days(to_date, -6), to_date


def complaint_week_filters(filters: dict | str | None) -> tuple:
	"""The week and the department of the 办不成事 ledgers (govservice.complaint_week_filters in the desk)."""
	from govservice.reporting import LinkFilter, read_filters

	return *period(filters), read_filters(filters, LinkFilter("department", "Department")).department


def complaints_in(from_date, to_date, department: str | None = None) -> list[frappe._dict]:
	filters = {"registered_on": ["between", [f"{from_date} 00:00:00", f"{to_date} 23:59:59"]]}
	if department:
		filters["department"] = department
	return frappe.get_list(
		"GS Complaint",
		filters=filters,
		fields=[
			"name",
			"registered_on",
			"reporter_name",
			"channel",
			"department",
			"department_name",
			"service_item",
			"description",
			"classification",
			"deadline_date",
			"escalation_level",
			"assigned_to",
			"status",
			"replied_on",
			"is_overdue",
			"is_in_scope",
		],
		order_by="registered_on asc",
		limit_page_length=0,
	)


def outcome(row) -> str:
	if row.status == "Closed":
		return "Closed"
	if row.replied_on:
		return "Replied"
	if row.deadline_date and getdate(row.deadline_date) < getdate(nowdate()):
		return "Overdue"
	return "In Hand"


def weekly_summary(from_date, to_date) -> dict:
	"""Counts by class, department and outcome, the overdue matters, and recurring bottlenecks: a
	department or service item with two or more matters in the week, or a department that missed a deadline."""
	rows = complaints_in(from_date, to_date)
	by_department = Counter(row.department_name or _("Not Set") for row in rows)
	by_item = Counter(row.service_item for row in rows if row.service_item)
	missed = Counter(
		row.department_name
		for row in rows
		if row.department and (row.is_overdue or outcome(row) == "Overdue")
	)
	return {
		"total": len(rows),
		"by_class": Counter(row.classification or _("Not Classified") for row in rows),
		"by_department": by_department,
		"by_outcome": Counter(outcome(row) for row in rows),
		"overdue": [row for row in rows if row.is_overdue or outcome(row) == "Overdue"],
		"bottlenecks": sorted(
			{name for name, count in by_department.items() if count >= 2}
			| {name for name, count in by_item.items() if count >= 2}
			| set(missed)
		),
	}
