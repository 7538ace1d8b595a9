"""Catalogue queries shared by the channel lists (代办 / 上门办 / 一网通办 / 一事联办清单) and later the portal."""

import frappe
from frappe import _

from govservice.reporting import LinkFilter, SelectFilter, column, read_filters

LEVEL_FIELDS = {
	"County": "handled_at_county",
	"Township": "handled_at_township",
	"Village": "handled_at_village",
}

CHANNEL_FIELDS = {
	"Proxy": ("offers_proxy",),
	"Door-to-Door": ("offers_door_to_door",),
	"Online": ("offers_online", "offers_mobile"),
	"Joint": ("offers_joint",),
}


def published_items(channel: str, level: str | None = None, department: str | None = None) -> list[dict]:
	"""Published items offered through `channel`, optionally at one level and of one department."""
	item = frappe.qb.DocType("GS Service Item")
	channel_condition = None
	for field in CHANNEL_FIELDS[channel]:
		condition = item[field] == 1
		channel_condition = condition if channel_condition is None else channel_condition | condition
	query = (
		frappe.qb.from_(item)
		.select(
			item.item_code,
			item.item_name,
			item.item_type,
			item.department,
			item.implementing_body,
			item.target,
			item.statutory_limit_days,
			item.promised_limit_days,
			item.handling_kind,
			item.max_visits,
			item.handled_at_county,
			item.handled_at_township,
			item.handled_at_village,
			item.consultation_phone,
		)
		.where((item.is_published == 1) & channel_condition)
		.orderby(item.item_code)
	)
	if level:
		query = query.where(item[LEVEL_FIELDS[level]] == 1)
	if department:
		query = query.where(item.department == department)
	return query.run(as_dict=True)


def channel_report(channel: str, filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	"""Columns and rows of a channel list report, one row per item with its levels spelled out."""
	filters = read_filters(
		filters,
		SelectFilter("level", "Level", tuple(LEVEL_FIELDS)),
		LinkFilter("department", "Serving Department"),
	)
	rows = published_items(channel, filters.level, filters.department)
	for row in rows:
		row["levels"] = "、".join(_(level) for level, field in LEVEL_FIELDS.items() if row.get(field))
		row["item_type"] = _(row["item_type"])
		row["target"] = _(row["target"])
		row["handling_kind"] = _(row["handling_kind"]) if row["handling_kind"] else ""
	columns = [
		column("Service Item Code", "item_code", "Link", 150, "GS Service Item"),
		column("Service Item Name", "item_name", width=240),
		column("Service Item Type", "item_type", width=120),
		column("Serving Department", "department", "Link", 160, "Department"),
		column("Serves", "target", width=100),
		column("Levels", "levels", width=120),
		column("Statutory Time Limit (Working Days)", "statutory_limit_days", "Int", 110),
		column("Promised Time Limit (Working Days)", "promised_limit_days", "Int", 110),
		column("Handling Kind", "handling_kind", width=90),
		column("Visits Needed", "max_visits", "Int", 80),
		column("Consultation Phone", "consultation_phone", width=120),
	]
	return columns, rows
