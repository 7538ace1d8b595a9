"""村民办事不出村 in figures, per village, township or the reader's whole scope, over a period:

- villagers' requests: cases registered at a village station in the period (those it sent up by proxy to
  the township or county included: the case remembers the village it came from);
- done without leaving the village: of those, the ones completed (by the village agent, or by proxy at the
  level above), and their share;
- door-to-door cases (上门办) among them;
- special-group members visited on time: visits in the period made by their due date, against those visits
  plus everyone whose visit fell due by the period's end and is still not made (overdue since before the
  period too: a person 40 days overdue is not "on time" because the lateness began last month);
- median days from collection (the sheet's date) to the case's acceptance, for collected requests accepted
  in the period.

Only villages in the reader's scope are counted (their centres' subtree; everything for county-wide
roles), and only figures leave this module, never a person's data.
"""

from __future__ import annotations

from collections import defaultdict

import frappe
from frappe.utils import getdate, now_datetime

from govservice.casework.stages import DONE_STAGES
from govservice.citizen_portal.utils import is_portal_user
from govservice.domain.outreach_rules import median_days, share
from govservice.security.scope import reach, user_centres

GROUPINGS = ("Village", "Township", "County")


def villages_in_scope(user: str | None = None) -> list[str]:
	user = user or frappe.session.user
	villages = frappe.get_all(
		"GS Service Centre", filters={"level": "Village"}, pluck="name", ignore_permissions=True
	)
	if is_portal_user(user):
		return []
	scope = reach(user, "GS Case")
	if scope == "all":
		return sorted(villages)
	if scope != "centres":
		return []
	allowed = set(user_centres(user, "GS Case"))
	return sorted(village for village in villages if village in allowed)


def empty_counts() -> dict:
	return {
		"requests": 0,
		"done": 0,
		"door_to_door": 0,
		"visits_on_time": 0,
		"visits_due": 0,
		"collection_days": [],
	}


def village_figures(from_date, to_date, villages: list[str]) -> dict[str, dict]:
	"""Per village: the counts behind the figures (fixed number of queries, whatever the period)."""
	figures: dict[str, dict] = {village: empty_counts() for village in villages}
	if not villages:
		return figures
	values = {
		"from": getdate(from_date),
		"to": getdate(to_date),
		"villages": villages,
		"today": getdate(now_datetime()),
	}
	for row in frappe.db.sql(
		"""select coalesce(if(v.level = 'Village', c.transferred_from, null), c.service_centre) as village,
			count(*) as requests, sum(c.stage in %(done)s) as done, sum(c.is_door_to_door) as door_to_door
		from `tabGS Case` c
		left join `tabGS Service Centre` v on v.name = c.transferred_from
		where c.received_on >= %(from)s and c.received_on < date_add(%(to)s, interval 1 day)
			and (c.service_centre in %(villages)s or c.transferred_from in %(villages)s)
		group by 1""",
		{**values, "done": DONE_STAGES},
		as_dict=True,
	):
		if row.village in figures:
			figures[row.village].update(
				requests=int(row.requests), done=int(row.done or 0), door_to_door=int(row.door_to_door or 0)
			)
	for row in frappe.db.sql(
		"""select service_centre as village, count(*) as visits, sum(is_on_time) as on_time
		from `tabGS Special Group Visit`
		where visit_date between %(from)s and %(to)s and service_centre in %(villages)s
		group by service_centre""",
		values,
		as_dict=True,
	):
		figures[row.village]["visits_on_time"] += int(row.on_time or 0)
		figures[row.village]["visits_due"] += int(row.visits)
	for row in frappe.db.sql(
		"""select service_centre as village, count(*) as late
		from `tabGS Special Group Member`
		where is_active = 1 and next_visit_due <= %(to)s
			and next_visit_due < %(today)s and service_centre in %(villages)s
		group by service_centre""",
		values,
		as_dict=True,
	):
		figures[row.village]["visits_due"] += int(row.late)
	for row in frappe.db.sql(
		"""select s.service_centre as village, s.collected_on, r.accepted_on
		from `tabGS Collection Request` r
		join `tabGS Collection Sheet` s on s.name = r.parent and r.parenttype = 'GS Collection Sheet'
		where r.accepted_on between %(from)s and %(to)s and s.service_centre in %(villages)s""",
		values,
		as_dict=True,
	):
		figures[row.village]["collection_days"].append((row.collected_on, row.accepted_on))
	return figures


def grouped_rows(from_date, to_date, group_by: str = "Village", user: str | None = None) -> list[dict]:
	"""The report's rows: one per village, per township or one for the whole scope."""
	villages = villages_in_scope(user)
	per_village = village_figures(from_date, to_date, villages)
	tree = {
		row.name: row
		for row in frappe.get_all(
			"GS Service Centre",
			fields=["name", "official_name", "parent_gs_service_centre"],
			ignore_permissions=True,  # the centre directory is public
		)
	}
	groups: dict[str, dict] = defaultdict(empty_counts)
	for village, counts in per_village.items():
		township = tree[village].parent_gs_service_centre if village in tree else None
		key = {"Village": village, "Township": township or village, "County": "all"}[group_by]
		total = groups[key]
		for field, value in counts.items():
			total[field] += value
	rows = []
	for key, counts in groups.items():
		rows.append(
			{
				"centre": None if key == "all" else key,
				"centre_name": "" if key == "all" else (tree[key].official_name if key in tree else key),
				"requests": counts["requests"],
				"done": counts["done"],
				"done_share": share(counts["done"], counts["requests"]),
				"door_to_door": counts["door_to_door"],
				"visits_on_time": counts["visits_on_time"],
				"visits_due": counts["visits_due"],
				"on_time_share": share(counts["visits_on_time"], counts["visits_due"]),
				"median_days_to_acceptance": median_days(counts["collection_days"]),
			}
		)
	return sorted(rows, key=lambda row: row["centre_name"])
