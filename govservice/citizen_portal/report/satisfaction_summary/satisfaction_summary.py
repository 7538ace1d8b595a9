"""好差评 satisfaction per service centre, agent or service item for a period."""

import frappe
from frappe import _
from frappe.utils import add_days, getdate

from govservice.domain.rating_rules import RATING_LEVELS, summarise_counts

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
	# counted by the database, one row per group and level, whatever the number of ratings; the caller's
	# scope applies (frappe.get_list)
	counted = frappe.get_list(
		"GS Rating",
		filters=conditions,
		fields=[f"{field} as grp", "rating", "count(*) as n"],
		group_by=f"{field}, rating",
		order_by=None,
	)
	open_rectifications = set(
		frappe.get_all("GS Rectification", filters={"status": "In Rectification"}, pluck="name")
	)
	rectified = frappe.get_list(
		"GS Rating",
		filters={**conditions, "rectification": ["is", "set"]},
		fields=[f"{field} as grp", "rectification"],
		order_by=None,
	)
	# ratings of a key project's agency have no service item: grouped by item, they form their own row
	no_group = _("Key Project Agency") if field == "service_item" else ""
	groups: dict[str, dict[str, int]] = {}
	for row in counted:
		level = groups.setdefault(row.grp or no_group, {})
		level[row.rating] = level.get(row.rating, 0) + row.n
	data = []
	for key in sorted(groups):
		summary = summarise_counts(groups[key])
		data.append(
			{
				"group": key,
				"ratings": summary["total"],
				**{frappe.scrub(level): summary["counts"][level] for level in RATING_LEVELS},
				"satisfaction_rate": summary["satisfaction_rate"],
				"average_score": summary["average_score"],
				"open_rectifications": sum(
					1
					for row in rectified
					if (row.grp or no_group) == key and row.rectification in open_rectifications
				),
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
