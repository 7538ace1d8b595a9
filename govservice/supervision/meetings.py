"""联席会议: the county's monthly joint meeting. Its agenda is drafted from the month under review (the open red
cards, the 办不成事 matters past their deadline, the key projects whose approvals are late, the rectifications
past their deadline, and the published figures against the month before); its decisions name an owner
department and a deadline and are reminded every working day until the department reports them done.

Each section of the agenda is one query, whatever the number of records; a section lists at most
`SECTION_LIMIT` records and says how many more there are.
"""

from __future__ import annotations

import datetime

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime

from govservice.domain.performance_rules import month_of, previous_month

SECTION_LIMIT = 30
DOCTYPE = "GS Joint Meeting"


def agenda_rows(review_month: datetime.date, today: datetime.date) -> list[dict]:
	"""The drafted agenda: one row a record, section by section."""
	rows: list[dict] = []

	def add(section: str, records: list, doctype: str, subject, total: int | None = None) -> None:
		"""The section's first SECTION_LIMIT records, and how many more there are (`total`: all of them,
		when only the first were read)."""
		total = len(records) if total is None else total
		for record in records[:SECTION_LIMIT]:
			rows.append(
				{
					"section": section,
					"subject": subject(record)[:140],
					"reference_doctype": doctype,
					"reference_name": record.name,
				}
			)
		if total > SECTION_LIMIT:
			rows.append({"section": section, "subject": _("And {0} more").format(total - SECTION_LIMIT)})

	def first_and_count(doctype: str, filters, fields: list, order_by: str) -> tuple[list, int]:
		"""The section's first records and the count of all (two queries, whatever the number)."""
		records = frappe.get_all(
			doctype, filters=filters, fields=fields, order_by=order_by, limit=SECTION_LIMIT
		)
		return records, frappe.db.count(doctype, filters)

	red, total = first_and_count(
		"GS Supervision Alert",
		{"level": "Red Card", "status": "Open"},
		["name", "subject", "responsible_name", "overdue_days"],
		"overdue_days desc",
	)
	add(
		"Red Cards",
		red,
		"GS Supervision Alert",
		lambda r: _("{0}: {1}, {2} working days overdue").format(
			r.subject, r.responsible_name or "", r.overdue_days
		),
		total,
	)
	overdue, total = first_and_count(
		"GS Complaint",
		# Frappe reads a missing date as 0001-01-01 in "<": a matter without a deadline is not overdue
		[
			["status", "in", ["Registered", "Dispatched"]],
			["deadline_date", "is", "set"],
			["deadline_date", "<", today],
		],
		["name", "department_name", "deadline_date"],
		"deadline_date asc",
	)
	add(
		"Overdue Matters",
		overdue,
		"GS Complaint",
		lambda r: _("{0} ({1}), due {2}").format(r.name, r.department_name or "", r.deadline_date),
		total,
	)
	stuck = frappe.db.sql(
		"""select p.name, p.project_name, count(*) as late
		from `tabGS Project Approval` a join `tabGS Key Project` p on p.name = a.parent
		where a.parenttype = 'GS Key Project' and a.approval_status = 'In Progress' and a.is_paused = 0
			and a.due_date < %s
		group by p.name, p.project_name order by late desc, p.name""",
		(today,),
		as_dict=True,
	)
	add(
		"Stuck Key Projects",
		stuck,
		"GS Key Project",
		lambda r: _("{0}: {1} approvals past their due date").format(r.project_name, r.late),
	)
	rectifications, total = first_and_count(
		"GS Rectification",
		[["status", "=", "In Rectification"], ["deadline_date", "is", "set"], ["deadline_date", "<", today]],
		["name", "rating_level", "deadline_date"],
		"deadline_date asc",
	)
	add(
		"Open Rectifications",
		rectifications,
		"GS Rectification",
		lambda r: _("{0} ({1}), due {2}").format(r.name, _(r.rating_level or ""), r.deadline_date),
		total,
	)
	rows.extend(figures_rows(review_month))
	return rows


def figures_rows(review_month: datetime.date) -> list[dict]:
	"""The county's published figures of the month against the month before (a line each)."""
	month, before = month_of(review_month), previous_month(review_month)
	reports = {
		getdate(row.month): row
		for row in frappe.get_all(
			"GS Performance Report",
			filters={"month": ["in", [month, before]], "status": "Published", "level": "County"},
			fields=[
				"name",
				"month",
				"cases_received",
				"cases_completed",
				"on_time_share",
				"good_share",
				"red_cards",
			],
		)
	}
	now = reports.get(month)
	if not now:
		return [
			{
				"section": "Figures Against Last Month",
				"subject": _("The month's figures are not published yet."),
			}
		]
	last = reports.get(before) or frappe._dict()
	lines = []
	for label, field in (
		("Cases Received", "cases_received"),
		("Cases Completed", "cases_completed"),
		("On-Time Share (%)", "on_time_share"),
		("Good Rating Share (%)", "good_share"),
		("Red Cards", "red_cards"),
	):
		lines.append(
			{
				"section": "Figures Against Last Month",
				"subject": _("{0}: {1} (last month {2})").format(_(label), now[field], last.get(field, "—")),
				"reference_doctype": "GS Performance Report",
				"reference_name": now.name,
			}
		)
	return lines


def owners_of(department: str) -> set[str]:
	"""The department's business contact and leader in charge (GS Department Liaison)."""
	row = frappe.db.get_value(
		"GS Department Liaison", department, ["contact_user", "leader_user"], as_dict=True
	)
	return {user for user in (row or {}).values() if user}


def remind_decisions() -> int:
	"""Scheduler job (cron, working days): each open decision due by the next working day, or past its
	deadline, to its owner department's contact and leader and to the supervisory officers, every working day
	until it is reported done."""
	from govservice.casework.reminders import Alerts, reminder_day
	from govservice.supervision.alerts import supervisory_officers

	day = reminder_day()
	if not day:
		return 0
	today, next_day = day
	decisions = frappe.get_all(
		"GS Meeting Decision",
		filters={"parenttype": DOCTYPE, "decision_status": "Open", "deadline_date": ["<=", next_day]},
		fields=["parent", "decision", "owner_department", "deadline_date"],
		order_by="deadline_date asc",
	)
	if not decisions:
		return 0
	told = Alerts(DOCTYPE)
	supervisory = supervisory_officers()
	owners: dict[str, set[str]] = {}
	for row in decisions:
		if row.owner_department not in owners:
			owners[row.owner_department] = owners_of(row.owner_department)
		late = getdate(row.deadline_date) < today
		subject = (
			_("Meeting decision overdue since {0}: {1}") if late else _("Meeting decision due {0}: {1}")
		).format(row.deadline_date, frappe.utils.escape_html(row.decision[:80]))
		told.add(row.parent, subject, owners[row.owner_department] | supervisory)
	told.send(now_datetime(), email=False, title=_("{0} meeting decisions"))
	return len(decisions)
