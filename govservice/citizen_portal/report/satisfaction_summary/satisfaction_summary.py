"""好差评 satisfaction per service centre, agent or service item for a period."""

import frappe
from frappe import _
from frappe.utils import add_days, getdate

from govservice.domain.rating_rules import RATING_LEVELS, summarise

GROUP_FIELDS = {"Service Centre": "service_centre", "Agent": "agent", "Service Item": "service_item"}
GROUP_OPTIONS = {
	"Service Centre": "GS Service Centre",
	"Agent": "GS Agent",
	"Service Item": "GS Service Item",
}


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	filters = frappe._dict(filters or {})
	group_by = filters.group_by or "Service Centre"
	field = GROUP_FIELDS[group_by]
	conditions = {}
	if filters.from_date and filters.to_date:
		conditions["rated_on"] = (
			"between",
			(getdate(filters.from_date), add_days(getdate(filters.to_date), 1)),
		)
	ratings = frappe.get_list("GS Rating", filters=conditions, fields=[field, "rating", "rectification"])
	open_rectifications = set(
		frappe.get_all("GS Rectification", filters={"status": "In Rectification"}, pluck="name")
	)
	groups: dict[str, list] = {}
	for row in ratings:
		groups.setdefault(row[field] or "", []).append(row)
	data = []
	for key in sorted(groups):
		rows = groups[key]
		summary = summarise(row.rating for row in rows)
		data.append(
			{
				"group": key,
				"ratings": summary["total"],
				**{frappe.scrub(level): summary["counts"][level] for level in RATING_LEVELS},
				"satisfaction_rate": summary["satisfaction_rate"],
				"average_score": summary["average_score"],
				"open_rectifications": sum(1 for row in rows if row.rectification in open_rectifications),
			}
		)
	columns = [
		{
			"fieldname": "group",
			"label": _(group_by),
			"fieldtype": "Link",
			"options": GROUP_OPTIONS[group_by],
			"width": 200,
		},
		{"fieldname": "ratings", "label": _("Ratings"), "fieldtype": "Int", "width": 90},
		*(
			{"fieldname": frappe.scrub(level), "label": _(level), "fieldtype": "Int", "width": 100}
			for level in RATING_LEVELS
		),
		{
			"fieldname": "satisfaction_rate",
			"label": _("Satisfaction Rate (%)"),
			"fieldtype": "Percent",
			"width": 120,
		},
		{"fieldname": "average_score", "label": _("Average Score"), "fieldtype": "Float", "width": 100},
		{
			"fieldname": "open_rectifications",
			"label": _("Open Rectifications"),
			"fieldtype": "Int",
			"width": 120,
		},
	]
	return columns, data
