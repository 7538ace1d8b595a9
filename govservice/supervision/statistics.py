"""统计分析: the charts of each level's workspace and the county's 月报 by email.

Every figure is counted by the database through the reader's own permissions (frappe.get_list): the county
sees the county, a township its township and villages, a village station its village. The supervisory
department, which reads no case, gets the county's counts (counts only, never a record). The charts' labels
are in the reader's language (Frappe's own group-by charts would show the stored English values).
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_months, get_first_day, getdate

from govservice.report_mail import subscribe, subscribed

MONTHLY_REPORT = "Monthly Service Report"
LEVEL_LABELS = {
	"Village": "Finished in the Village",
	"Township": "Finished in the Township",
	"County": "Finished at the County",
}
MONTHS = 13


@frappe.whitelist()
def monthly_report_mail() -> dict:
	"""Whether the caller gets the 月报 on the first of every month."""
	return subscribed(MONTHLY_REPORT)


@frappe.whitelist(methods=["POST"])
def set_monthly_report_mail(enabled: bool | int | str) -> dict:
	"""Turn the caller's monthly email of the 月报 (an Excel file, their scope) on or off."""
	return subscribe(
		MONTHLY_REPORT,
		enabled,
		_("The month's published service figures of your centres."),
		frequency="Monthly",
		format="XLSX",
	)


@frappe.whitelist()
def since() -> str:
	"""The first day of the month a year ago: the charts cover the last twelve months and this one."""
	return str(get_first_day(add_months(getdate(), -12)))


def lister(doctype: str):
	"""How the caller counts `doctype`: through their permissions, county-wide for the supervisory department
	(counts only), or not at all."""
	from govservice.supervision.permissions import SUPERVISORY_ROLE

	if frappe.has_permission(doctype, "read"):
		return frappe.get_list
	if SUPERVISORY_ROLE in frappe.get_roles():
		return frappe.get_all
	return None


def count_in_scope(doctype: str, filters: list) -> int:
	"""How many records of `doctype` match `filters`, counted as `lister` allows (0 when it allows nothing)."""
	query = lister(doctype)
	if not query:
		return 0
	return query(doctype, filters=filters, fields=["count(*) as value"])[0].value


def grouped(doctype: str, field: str, filters: list, limit: int = 0, order: str = "value desc") -> list:
	query = lister(doctype)
	if not query:
		return []
	return query(
		doctype,
		filters=filters,
		fields=[f"{field} as label", "count(*) as value"],
		group_by=field,
		order_by=order,
		limit_page_length=limit,
	)


def channel_mix() -> tuple[list, list]:
	rows = grouped("GS Case", "intake_channel", [["received_on", ">=", since()]])
	return [_(r.label) if r.label else _("Not Specified") for r in rows], [r.value for r in rows]


def level_mix() -> tuple[list, list]:
	rows = grouped("GS Case", "level", [["completed_on", ">=", since()]])
	return [_(LEVEL_LABELS.get(r.label, "Not Specified")) for r in rows], [r.value for r in rows]


def monthly_trend() -> tuple[list, list]:
	"""Cases received in each of the last thirteen months: one count a month (thirteen queries whatever the
	number of cases; the desk's list query takes no date functions)."""
	if not lister("GS Case"):
		return [], []
	labels, values = [], []
	first = get_first_day(add_months(getdate(), 1 - MONTHS))
	for offset in range(MONTHS):
		start, stop = add_months(first, offset), add_months(first, offset + 1)
		labels.append(f"{start:%Y-%m}")
		values.append(
			count_in_scope("GS Case", [["received_on", ">=", str(start)], ["received_on", "<", str(stop)]])
		)
	return labels, values


def top_items() -> tuple[list, list]:
	rows = grouped("GS Case", "item_name", [["received_on", ">=", since()]], limit=10)
	return [r.label or _("Not Specified") for r in rows], [r.value for r in rows]


def complaint_causes() -> tuple[list, list]:
	rows = grouped("GS Complaint", "classification", [["registered_on", ">=", since()]])
	return [_(r.label) if r.label else _("Not Classified Yet") for r in rows], [r.value for r in rows]


def days_saved() -> tuple[list, list]:
	from govservice.key_projects.report.approval_time_saved.approval_time_saved import execute

	if not frappe.has_permission("GS Key Project", "read"):
		return [], []
	_columns, rows, _message = execute({})
	rows = sorted(rows, key=lambda r: -r["saved"])[:10]
	return [r["project_name"] for r in rows], [r["saved"] for r in rows]


CHARTS = {
	"Cases by Intake Channel": (channel_mix, "Cases"),
	"Cases Completed by Level": (level_mix, "Cases"),
	"Cases Received per Month": (monthly_trend, "Cases"),
	"Top Service Items": (top_items, "Cases"),
	"Matters That Could Not Be Done by Classification": (complaint_causes, "Matters"),
	"Key Project Working Days Saved": (days_saved, "Working Days Saved"),
}


@frappe.whitelist()
def chart_data(chart_name: str | None = None, **_ignored) -> dict:
	"""The data of one of the app's statistics charts (Dashboard Chart Source "GS Statistics"), counted in
	the caller's scope."""
	if chart_name not in CHARTS:
		frappe.throw(_("There is no such chart."), frappe.ValidationError)
	compute, series = CHARTS[chart_name]
	labels, values = compute()
	return {"labels": labels, "datasets": [{"name": _(series), "values": values}]}


@frappe.whitelist()
def received_this_month(filters: str | None = None) -> dict:
	"""Number card: cases received this month, in the caller's scope."""
	return {
		"value": count_in_scope("GS Case", [["received_on", ">=", str(get_first_day(getdate()))]]),
		"fieldtype": "Int",
	}


@frappe.whitelist()
def completed_this_month(filters: str | None = None) -> dict:
	"""Number card: cases completed this month, in the caller's scope."""
	return {
		"value": count_in_scope("GS Case", [["completed_on", ">=", str(get_first_day(getdate()))]]),
		"fieldtype": "Int",
	}


@frappe.whitelist()
def village_share(filters: str | None = None) -> dict:
	"""Number card: the share of the year's completed cases done in the village (不出村), in the caller's scope."""
	rows = grouped("GS Case", "level", [["completed_on", ">=", str(getdate().replace(month=1, day=1))]])
	total = sum(r.value for r in rows)
	village = sum(r.value for r in rows if r.label == "Village")
	return {"value": round(100.0 * village / total, 1) if total else 0, "fieldtype": "Percent"}
