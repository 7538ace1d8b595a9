"""Catalogue queries shared by the channel lists (代办 / 上门办 / 一网通办 / 一事联办清单) and later the portal."""

import frappe
from frappe import _

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
	filters = frappe._dict(filters or {})
	rows = published_items(channel, filters.get("level"), filters.get("department"))
	for row in rows:
		row["levels"] = "、".join(_(level) for level, field in LEVEL_FIELDS.items() if row.get(field))
		row["item_type"] = _(row["item_type"])
		row["target"] = _(row["target"])
		row["handling_kind"] = _(row["handling_kind"]) if row["handling_kind"] else ""
	columns = [
		{
			"label": _("Service Item Code"),
			"fieldname": "item_code",
			"fieldtype": "Link",
			"options": "GS Service Item",
			"width": 150,
		},
		{"label": _("Service Item Name"), "fieldname": "item_name", "fieldtype": "Data", "width": 240},
		{"label": _("Service Item Type"), "fieldname": "item_type", "fieldtype": "Data", "width": 120},
		{
			"label": _("Serving Department"),
			"fieldname": "department",
			"fieldtype": "Link",
			"options": "Department",
			"width": 160,
		},
		{"label": _("Serves"), "fieldname": "target", "fieldtype": "Data", "width": 100},
		{"label": _("Levels"), "fieldname": "levels", "fieldtype": "Data", "width": 120},
		{
			"label": _("Statutory Time Limit (Working Days)"),
			"fieldname": "statutory_limit_days",
			"fieldtype": "Int",
			"width": 110,
		},
		{
			"label": _("Promised Time Limit (Working Days)"),
			"fieldname": "promised_limit_days",
			"fieldtype": "Int",
			"width": 110,
		},
		{"label": _("Handling Kind"), "fieldname": "handling_kind", "fieldtype": "Data", "width": 90},
		{"label": _("Visits Needed"), "fieldname": "max_visits", "fieldtype": "Int", "width": 80},
		{
			"label": _("Consultation Phone"),
			"fieldname": "consultation_phone",
			"fieldtype": "Data",
			"width": 120,
		},
	]
	return columns, rows
