"""村级服务数据: the figures of 村民办事不出村 per village, township or the reader's scope, over a period
(govservice.village_outreach.figures)."""

import frappe
from frappe import _
from frappe.utils import get_first_day, get_last_day, today

from govservice.reporting import column
from govservice.village_outreach.figures import GROUPINGS, grouped_rows


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	filters = frappe._dict(filters or {})
	from_date = filters.get("from_date") or get_first_day(today())
	to_date = filters.get("to_date") or get_last_day(today())
	group_by = filters.get("group_by") if filters.get("group_by") in GROUPINGS else "Village"
	rows = grouped_rows(from_date, to_date, group_by)
	if group_by == "County":
		for row in rows:
			row["centre_name"] = _("All Villages in My Scope")
	return columns(group_by), rows


def columns(group_by: str) -> list[dict]:
	return [
		column(
			"Village Station"
			if group_by == "Village"
			else "Township Centre"
			if group_by == "Township"
			else "Scope",
			"centre_name",
			"Data",
			160,
		),
		column("Villagers' Requests", "requests", "Int", 120),
		column("Done Without Leaving the Village", "done", "Int", 150),
		column("Share Done in the Village (%)", "done_share", "Percent", 150),
		column("Door-to-Door Cases", "door_to_door", "Int", 120),
		column("Visited on Time", "visits_on_time", "Int", 120),
		column("Visits Due", "visits_due", "Int", 120),
		column("Share Visited on Time (%)", "on_time_share", "Percent", 150),
		column("Median Days from Collection to Acceptance", "median_days_to_acceptance", "Float", 180),
	]
