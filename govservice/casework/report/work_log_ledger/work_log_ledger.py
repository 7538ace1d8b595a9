"""工作日志台账: every action on the cases of a centre, agent and period, from the GS Work Log ledger."""

import frappe
from frappe import _
from frappe.utils import add_days, getdate, nowdate


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	filters = frappe._dict(filters or {})
	from_date = getdate(filters.from_date or add_days(nowdate(), -30))
	to_date = getdate(filters.to_date or nowdate())
	conditions = {"log_on": ["between", [f"{from_date} 00:00:00", f"{to_date} 23:59:59"]]}
	for field in ("service_centre", "agent", "action"):
		if filters.get(field):
			conditions[field] = filters[field]
	# frappe.get_list applies the user's centre scope (User Permission on the centre tree).
	rows = frappe.get_list(
		"GS Work Log",
		filters=conditions,
		fields=["log_on", "gs_case", "action", "description", "agent", "service_centre", "user"],
		order_by="log_on asc",
		limit_page_length=0,
	)
	agents = dict(
		frappe.get_all(
			"GS Agent",
			filters={"name": ["in", list({row.agent for row in rows if row.agent})]},
			fields=["name", "agent_name"],
			as_list=True,
			ignore_permissions=True,  # the names of the agents on rows the user may read
		)
	)
	names = dict(
		frappe.get_all(
			"User",
			filters={"name": ["in", list({row.user for row in rows if row.user})]},
			fields=["name", "full_name"],
			as_list=True,
			ignore_permissions=True,  # only the names of the staff who wrote rows the user may read
		)
	)
	for row in rows:
		row.action = _(row.action)
		row.user_name = _("System") if row.user == "Administrator" else names.get(row.user) or row.user
		row.agent_name = agents.get(row.agent) or row.agent
	columns = [
		{"label": _("Logged At"), "fieldname": "log_on", "fieldtype": "Datetime", "width": 160},
		{"label": _("Case"), "fieldname": "gs_case", "fieldtype": "Link", "options": "GS Case", "width": 170},
		{"label": _("Work Action"), "fieldname": "action", "fieldtype": "Data", "width": 120},
		{"label": _("Description"), "fieldname": "description", "fieldtype": "Data", "width": 280},
		{"label": _("Agent"), "fieldname": "agent_name", "fieldtype": "Data", "width": 100},
		{
			"label": _("Service Centre"),
			"fieldname": "service_centre",
			"fieldtype": "Link",
			"options": "GS Service Centre",
			"width": 140,
		},
		{"label": _("Recorded By"), "fieldname": "user_name", "fieldtype": "Data", "width": 120},
	]
	return columns, rows
