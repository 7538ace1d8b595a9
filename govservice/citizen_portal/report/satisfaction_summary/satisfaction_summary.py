"""好差评 satisfaction per service centre, agent or service item for a period."""

import frappe
from frappe import _
from frappe.utils import add_days

from govservice.domain.rating_rules import RATING_LEVELS, summarise_counts
from govservice.reporting import DateFilter, SelectFilter, column, read_filters

GROUP_FIELDS = {"Service Centre": "service_centre", "Agent": "agent", "Service Item": "service_item"}
GROUP_OPTIONS = {
	"Service Centre": "GS Service Centre",
	"Agent": "GS Agent",
	"Service Item": "GS Service Item",
}


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	filters = read_filters(
		filters,
		DateFilter("from_date", "Rated From"),
		DateFilter("to_date", "Rated To"),
		SelectFilter("group_by", "Summarise By", tuple(GROUP_FIELDS), "Service Centre"),
		period=("from_date", "to_date"),
	)
	group_by = filters.group_by
	field = GROUP_FIELDS[group_by]
	conditions = {}
	if filters.from_date and filters.to_date:
		conditions["rated_on"] = (
			"between",
			(filters.from_date, add_days(filters.to_date, 1)),
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
		column(group_by, "group", "Link", 200, GROUP_OPTIONS[group_by]),
		column("Ratings", "ratings", "Int", 90),
		*(column(level, frappe.scrub(level), "Int", 100) for level in RATING_LEVELS),
		column("Satisfaction Rate (%)", "satisfaction_rate", "Percent", 120),
		column("Average Score", "average_score", "Float", 100),
		column("Open Rectifications", "open_rectifications", "Int", 120),
	]
	return columns, data
