"""电子监察's live board: every running clock — a case's deadline, a 办不成事 complaint's reply, a key-project
approval and open stage, a bad rating's rectification, an inspection finding, a special-group visit due, a collected
request's promised answer — green, yellow (falling due within the working days GS Settings gives, or, for a
case, past the promised limit but within the statutory one) or red (overdue), counted by centre,
department, service item or kind of clock, with drill-down to the clocks themselves (villagers' names
shortened to the family name).

Counted by the database: one grouped query per kind of clock, whatever the number of records. What a reader
counts is what their role supervises: the supervisory department and the administrators the county; a
supervisor the clocks of their centres (the centre tree); a department's contact or leader in charge the
clocks of their department. Colours by govservice.domain.supervision_rules.light.
"""

from __future__ import annotations

import datetime

import frappe
from frappe import _
from frappe.utils import cint, getdate

from govservice.casework.stages import CLOCK_STAGES
from govservice.complaints.permissions import departments_of
from govservice.domain.outreach_rules import mask_name
from govservice.domain.supervision_rules import LIGHTS, light, statutory_thresholds
from govservice.organisation.calendar import get_work_calendar
from govservice.security.scope import user_centres
from govservice.supervision.permissions import CONTACT_ROLE, SUPERVISOR_ROLE, is_supervisory

DETAIL_LIMIT = 500
DEFAULT_YELLOW_DAYS = 2
# kind of clock: its tables, due date, centre, department, service item, running condition, record,
# subject (SQL over the kind's own aliases; no value of the caller's is part of them)
KINDS = {
	"Case Deadline": {
		"doctype": "GS Case",
		"tables": "`tabGS Case` c left join `tabGS Service Item` i on i.name = c.service_item",
		"due": "c.deadline_date",
		"centre": "c.service_centre",
		"department": "i.department",
		"item": "c.service_item",
		"running": "c.stage in %(stages)s and c.is_paused = 0",
		"record": "c.name",
		"subject": "c.item_name",
		# working days between the promised limit (the deadline) and the statutory one
		"grace": "greatest(coalesce(i.statutory_limit_days, 0) - coalesce(c.promised_limit_days, 0), 0)",
	},
	"Complaint Deadline": {
		"doctype": "GS Complaint",
		"tables": "`tabGS Complaint` x",
		"due": "x.deadline_date",
		"centre": "null",
		"department": "x.department",
		"item": "null",
		"running": "x.status = 'Dispatched'",
		"record": "x.name",
		"subject": "x.department_name",
	},
	"Project Approval": {
		"doctype": "GS Key Project",
		"tables": "`tabGS Project Approval` a join `tabGS Key Project` p on p.name = a.parent",
		"due": "a.due_date",
		"centre": "p.service_centre",
		"department": "a.department",
		"item": "null",
		"running": "a.parenttype = 'GS Key Project' and a.approval_status = 'In Progress' and a.is_paused = 0",
		"record": "p.name",
		"subject": "concat(p.project_name, '：', a.item_name)",
	},
	"Project Stage": {
		"doctype": "GS Key Project",
		"tables": "`tabGS Project Stage` s join `tabGS Key Project` p on p.name = s.parent",
		"due": "s.due_date",
		"centre": "p.service_centre",
		"department": "s.lead_department",
		"item": "null",
		"running": "s.parenttype = 'GS Key Project' and s.stage_status = 'Open'",
		"record": "p.name",
		"subject": "concat(p.project_name, '：', s.stage_name)",
	},
	"Rectification": {
		"doctype": "GS Rectification",
		"tables": "`tabGS Rectification` r",
		"due": "r.deadline_date",
		"centre": "r.service_centre",
		"department": "null",
		"item": "null",
		"running": "r.status = 'In Rectification'",
		"record": "r.name",
		"subject": "r.gs_case",
	},
	"Inspection Finding": {
		"doctype": "GS Inspection",
		"tables": "`tabGS Inspection Finding` f join `tabGS Inspection` n on n.name = f.parent",
		"due": "f.deadline_date",
		"centre": "n.service_centre",
		"department": "null",
		"item": "null",
		"running": "f.parenttype = 'GS Inspection' and n.status = 'Completed' and f.finding_status = 'Open'",
		"record": "n.name",
		"subject": "left(f.finding, 60)",
	},
	"Visit Due": {
		"doctype": "GS Special Group Member",
		"tables": "`tabGS Special Group Member` m",
		"due": "m.next_visit_due",
		"centre": "m.service_centre",
		"department": "null",
		"item": "null",
		"running": "m.is_active = 1",
		"record": "m.name",
		"subject": "m.full_name",
		"masked": True,  # a name read beyond the village: the family name only
	},
	"Collection Answer": {
		"doctype": "GS Collection Sheet",
		"tables": "`tabGS Collection Request` r join `tabGS Collection Sheet` s on s.name = r.parent",
		"due": "r.respond_by",
		"centre": "s.service_centre",
		"department": "null",
		"item": "null",
		"running": "r.parenttype = 'GS Collection Sheet' and s.status = 'Dispatched' and ifnull(r.reply, '') = ''"
		" and ifnull(r.gs_case, '') = ''",
		"record": "s.name",
		"subject": "r.requester_name",
		"masked": True,
	},
}
DIMENSIONS = {"Service Centre": "centre", "Department": "department", "Service Item": "item", "Clock": None}


def reach(user: str | None = None) -> dict | None:
	"""What `user` supervises: {} for the county, {"centres": […]} and/or {"departments": […]}, or None."""
	user = user or frappe.session.user
	roles = set(frappe.get_roles(user))
	if is_supervisory(user):
		return {}
	scope: dict = {}
	if SUPERVISOR_ROLE in roles:
		scope["centres"] = user_centres(user, "GS Case")
	if CONTACT_ROLE in roles:
		scope["departments"] = departments_of(user)
	return scope if any(scope.values()) else None


def condition(spec: dict, scope: dict) -> str:
	"""The reader's part of a kind's clocks, as SQL over the kind's own columns (values escaped)."""
	if not scope:
		return "1=1"
	parts = []
	if scope.get("centres") and spec["centre"] != "null":
		parts.append(f"{spec['centre']} in ({', '.join(frappe.db.escape(c) for c in scope['centres'])})")
	if scope.get("departments") and spec["department"] != "null":
		parts.append(
			f"{spec['department']} in ({', '.join(frappe.db.escape(d) for d in scope['departments'])})"
		)
	return "(" + " or ".join(parts) + ")" if parts else "1=0"


def yellow_until(today):
	days = frappe.db.get_single_value("GS Settings", "yellow_light_days")
	days = DEFAULT_YELLOW_DAYS if days is None else max(cint(days), 0)
	return get_work_calendar().add_working_days(today, days) if days else today


# each light as SQL over a kind's due date (the same rule as supervision_rules.light); a kind with a grace
# (a case: the statutory limit beyond the promised one) is yellow, not red, until the grace has passed
LIGHT_SQL = {
	"Red": "{due} < %(today)s",
	"Yellow": "{due} >= %(today)s and {due} <= %(until)s",
	"Green": "{due} > %(until)s",
}
# the longest grace the board tells apart (working days); a longer one counts as this long
MAX_GRACE = 120


def statutory_from(thresholds: dict, grace) -> object:
	"""The earliest deadline still within the statutory limit for a clock with `grace` (None: no grace)."""
	if grace is None:
		return None
	return thresholds.get(min(cint(grace), MAX_GRACE), thresholds[max(thresholds)])


def light_sql(spec: dict, light_: str, thresholds: dict) -> str:
	due = spec["due"]
	if "grace" not in spec or light_ == "Green":
		return LIGHT_SQL[light_].format(due=due)
	statutory_from = "(case least({grace}, {top}) {branches} else {last} end)".format(
		grace=spec["grace"],
		top=MAX_GRACE,
		branches=" ".join(
			f"when {grace} then {frappe.db.escape(str(day))}" for grace, day in thresholds.items()
		),
		last=frappe.db.escape(str(thresholds[max(thresholds)])),
	)
	if light_ == "Red":
		return f"{due} < %(today)s and {due} < {statutory_from}"
	return (
		f"(({due} >= %(today)s and {due} <= %(until)s) or ({due} < %(today)s and {due} >= {statutory_from}))"
	)


def statutory_days(today) -> dict:
	"""supervision_rules.statutory_thresholds for every grace up to the longest of the catalogue's items."""
	longest = frappe.db.sql(
		"select max(greatest(coalesce(statutory_limit_days, 0) - coalesce(promised_limit_days, 0), 0))"
		" from `tabGS Service Item`"
	)[0][0]
	calendar = get_work_calendar()
	return statutory_thresholds(
		today,
		range(min(cint(longest), MAX_GRACE) + 1),
		calendar.count_working_days,
		max(calendar.start, today - datetime.timedelta(days=3 * MAX_GRACE)),
	)


def reader(scope: dict | None = None, **values) -> tuple[dict, dict, dict]:
	"""The reader's scope (or the benchmark's `scope`), the query's values (today, the end of yellow) and the
	statutory thresholds of the cases' graces."""
	scope = reach() if scope is None else scope
	if scope is None:
		raise frappe.PermissionError(_("The supervision board is for supervisors and departments."))
	today = getdate()
	args = {"today": today, "until": yellow_until(today), "stages": CLOCK_STAGES, **values}
	return scope, args, statutory_days(today)


def counts(dimension: str, kind: str | None = None, scope: dict | None = None) -> list[dict]:
	"""[{key, Green, Yellow, Red}] of the reader's running clocks grouped by `dimension` (`scope`: what
	`reach` gives the reader; passed by the benchmark only)."""
	scope, args, thresholds = reader(scope)
	grouped: dict[str, dict] = {}
	for name, spec in KINDS.items():
		if kind and kind != name:
			continue
		column = DIMENSIONS[dimension]
		key = f"'{name}'" if column is None else spec[column]
		sums = ", ".join(f"sum({light_sql(spec, light_, thresholds)}) as `{light_}`" for light_ in LIGHTS)
		for row in frappe.db.sql(
			f"""select {key} as `key`, {sums}
			from {spec["tables"]}
			where {spec["running"]} and {spec["due"]} is not null and {condition(spec, scope)}
			group by {key}""",
			args,
			as_dict=True,
		):
			into = grouped.setdefault(
				row.key or "", {"key": row.key or "", "Green": 0, "Yellow": 0, "Red": 0}
			)
			for light_ in LIGHTS:
				into[light_] += cint(row[light_])
	return sorted(grouped.values(), key=lambda r: (-r["Red"], -r["Yellow"], r["key"]))


def clocks(dimension: str, key: str | None, light_: str | None, kind: str | None = None) -> list[dict]:
	"""The reader's running clocks of one group (and colour), soonest due first, at most DETAIL_LIMIT."""
	scope, args, thresholds = reader(key=key or "")
	rows = []
	for name, spec in KINDS.items():
		if kind and kind != name:
			continue
		column = DIMENSIONS[dimension]
		if column is None and key and key != name:
			continue
		where = [spec["running"], f"{spec['due']} is not null", condition(spec, scope)]
		if column is not None and key is not None:
			where.append(f"coalesce({spec[column]}, '') = %(key)s")
		if light_ in LIGHT_SQL:
			where.append(light_sql(spec, light_, thresholds))
		found = frappe.db.sql(
			f"""select '{name}' as clock, '{spec["doctype"]}' as doctype, {spec["record"]} as record,
				{spec["subject"]} as subject, {spec["due"]} as due_date, {spec["centre"]} as centre,
				{spec["department"]} as department, {spec.get("grace", "null")} as grace
			from {spec["tables"]} where {" and ".join(where)}
			order by {spec["due"]} limit {DETAIL_LIMIT}""",
			args,
			as_dict=True,
		)
		for row in found:
			# the drill-down's colour by the rule itself (the counts are its SQL twin, LIGHT_SQL/light_sql)
			row.light = light(
				row.due_date, args["today"], args["until"], statutory_from(thresholds, row.pop("grace"))
			)
			if spec.get("masked"):
				row.subject = mask_name(row.subject)
		rows += found
	rows.sort(key=lambda r: (r.due_date, r.record))
	return rows[:DETAIL_LIMIT]
