"""Departments that repeatedly miss 办不成事 deadlines: matters, open, due soon, overdue and missed, by
department, for the period (the last 90 days by default)."""

import frappe
from frappe.utils import add_days, getdate, nowdate

from govservice.organisation.calendar import get_work_calendar
from govservice.reporting import DateFilter, column, read_filters


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	read = read_filters(
		filters, DateFilter("from_date", "From"), DateFilter("to_date", "To"), period=("from_date", "to_date")
	)
	to_date = read.to_date or getdate(nowdate())
	from_date = read.from_date or add_days(to_date, -89)
	today = getdate(nowdate())
	soon = get_work_calendar().add_working_days(today, 1)
	rows: dict[str, dict] = {}
	for matter in frappe.get_list(
		"GS Complaint",
		filters={
			"registered_on": ["between", [f"{from_date} 00:00:00", f"{to_date} 23:59:59"]],
			"department": ["is", "set"],
		},
		fields=["department", "department_name", "status", "deadline_date", "replied_on", "is_overdue"],
		limit_page_length=0,
	):
		row = rows.setdefault(
			matter.department,
			{
				"department": matter.department,
				"department_name": matter.department_name or matter.department,
				"total": 0,
				"open": 0,
				"due_soon": 0,
				"overdue": 0,
				"missed": 0,
			},
		)
		row["total"] += 1
		deadline = getdate(matter.deadline_date) if matter.deadline_date else None
		is_open = matter.status in ("Registered", "Dispatched")
		if is_open:
			row["open"] += 1
			if deadline and today <= deadline <= soon:
				row["due_soon"] += 1
			if deadline and deadline < today:
				row["overdue"] += 1
		if matter.is_overdue or (is_open and deadline and deadline < today):
			row["missed"] += 1
	data = sorted(rows.values(), key=lambda r: (-r["missed"], -r["overdue"], r["department"]))
	for row in data:
		row["repeatedly_late"] = 1 if row["missed"] >= 2 else 0
	columns = [
		column("Department", "department_name", width=180),
		column("Matters", "total", "Int", 90),
		column("Still Open", "open", "Int", 80),
		column("Due Soon", "due_soon", "Int", 90),
		column("Overdue", "overdue", "Int", 90),
		column("Deadlines Missed", "missed", "Int", 110),
		column("Repeatedly Late", "repeatedly_late", "Check", 110),
	]
	return columns, data
