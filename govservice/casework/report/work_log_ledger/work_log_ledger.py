"""工作日志台账: every action on the cases of a centre, agent and period, from the GS Work Log ledger.

A county's period can hold hundreds of thousands of entries: the report shows one page of them (the
*Page* filter) and says how many there are; *Export All (CSV)* streams the whole period
(govservice.api.ledgers.work_log_csv). Both read through the caller's scope and the ledger's indexes.
"""

import frappe
from frappe import _
from frappe.utils import add_days, getdate, nowdate

from govservice.reporting import DateFilter, IntFilter, LinkFilter, SelectFilter, column, read_filters

PAGE_ROWS = 200


def read_ledger_filters(filters: dict | str | None) -> frappe._dict:
	"""The ledger's filters as a client sent them, read (govservice.reporting)."""
	actions = tuple(frappe.get_meta("GS Work Log").get_options("action").split("\n"))
	return read_filters(
		filters,
		DateFilter("from_date", "From", lambda: getdate(add_days(nowdate(), -30))),
		DateFilter("to_date", "To", lambda: getdate(nowdate())),
		LinkFilter("service_centre", "Service Centre"),
		LinkFilter("agent", "Agent"),
		SelectFilter("action", "Work Action", actions),
		IntFilter("page", "Page of Entries", default=1, minimum=1),
		period=("from_date", "to_date"),
	)


def ledger_filters(filters: dict | str | None) -> dict:
	"""The GS Work Log filters of the report's filters (period, centre, agent, action)."""
	read = read_ledger_filters(filters)
	conditions = {"log_on": ["between", [f"{read.from_date} 00:00:00", f"{read.to_date} 23:59:59.999999"]]}
	for field in ("service_centre", "agent", "action"):
		if read.get(field):
			conditions[field] = read[field]
	return conditions


def label_rows(rows: list[dict]) -> None:
	"""The rows as the ledger shows them: the action in the reader's language, the agent's and the
	recorder's names (only those on rows the caller may read)."""
	agents = dict(
		frappe.get_all(
			"GS Agent",
			filters={"name": ["in", list({row.agent for row in rows if row.agent})]},
			fields=["name", "agent_name"],
			as_list=True,
			ignore_permissions=True,  # the names of the agents on rows the user may read
		)
	)
	users = dict(
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
		row.user_name = _("System") if row.user == "Administrator" else users.get(row.user) or row.user
		row.agent_name = agents.get(row.agent) or row.agent


def execute(filters: dict | None = None) -> tuple:
	conditions = ledger_filters(filters)
	# frappe.get_list applies the reader's centre scope (govservice.security.scope)
	total = frappe.get_list("GS Work Log", filters=conditions, fields=["count(*) as total"])[0].total
	page = read_ledger_filters(filters).page
	rows = frappe.get_list(
		"GS Work Log",
		filters=conditions,
		fields=["log_on", "gs_case", "action", "description", "agent", "service_centre", "user"],
		order_by="log_on asc",
		limit_start=(page - 1) * PAGE_ROWS,
		limit_page_length=PAGE_ROWS,
	)
	label_rows(rows)
	return columns(), rows, page_message(page, len(rows), total)


def columns() -> list[dict]:
	"""The ledger's columns, on screen and in the CSV export."""
	return [
		column("Logged At", "log_on", "Datetime", 160),
		column("Case", "gs_case", "Link", 170, "GS Case"),
		column("Work Action", "action", width=120),
		column("Description", "description", width=280),
		column("Agent", "agent_name", width=100),
		column("Service Centre", "service_centre", "Link", 140, "GS Service Centre"),
		column("Recorded By", "user_name", width=120),
	]


def page_message(page: int, shown: int, total: int) -> str | None:
	if total <= PAGE_ROWS:
		return None
	first = (page - 1) * PAGE_ROWS + 1
	return _(
		"Entries {0}–{1} of {2}: choose another page in the filters, or Export All (CSV) for the whole period."
	).format(first, first + shown - 1, total)
