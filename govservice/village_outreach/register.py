"""The special-group register's visit plan: who is in which group, how often they are visited, when next.

A person's visit interval is the shortest of their groups' (GS Settings); the next visit is due that many
months after the last visit (after registration for someone not yet visited). The same rule runs for one
person in Python (`govservice.domain.outreach_rules`) and for the whole register as one UPDATE here, after
the settings change or when people reach the elderly age.
"""

from __future__ import annotations

import frappe
from frappe.utils import add_years, getdate

from govservice.domain.outreach_rules import GROUPS

GROUP_FIELDS = {
	"Lonely Elderly": "is_lonely_elderly",
	"Person with Disability": "is_disabled",
	"Orphan": "is_orphan",
	"Elderly": "is_elderly",
}
SETTING_FIELDS = {
	"Lonely Elderly": "visit_months_lonely_elderly",
	"Person with Disability": "visit_months_disabled",
	"Orphan": "visit_months_orphan",
	"Elderly": "visit_months_elderly",
}
VISIT_SETTINGS = ("elderly_age", *SETTING_FIELDS.values())


def months_by_group(settings=None) -> dict[str, int]:
	settings = settings or frappe.get_cached_doc("GS Settings")
	return {group: int(settings.get(field) or 0) for group, field in SETTING_FIELDS.items()}


def elderly_age(settings=None) -> int:
	settings = settings or frappe.get_cached_doc("GS Settings")
	return int(settings.get("elderly_age") or 0)


def groups_of(doc) -> list[str]:
	"""The special groups of a register entry (a document or a row), in GROUPS order."""
	return [group for group in GROUPS if doc.get(GROUP_FIELDS[group])]


def refresh_visit_plan(day=None) -> int:
	"""Flag everyone who has reached the elderly age and recompute every active entry's visit interval and
	next due date from the settings: two UPDATEs, whatever the size of the register. Returns the number of
	people newly flagged as elderly."""
	day = getdate(day)
	settings = frappe.get_cached_doc("GS Settings")
	age = elderly_age(settings)
	flagged = 0
	if age > 0:
		reached = {"is_elderly": 0, "birth_date": ["<=", add_years(day, -age)]}
		flagged = frappe.db.count("GS Special Group Member", reached)
		if flagged:
			frappe.db.sql(
				"""update `tabGS Special Group Member` set is_elderly = 1
				where is_elderly = 0 and birth_date <= %s""",
				add_years(day, -age),
			)
	months = months_by_group(settings)
	# the shortest interval of the person's groups; 0 for a group whose setting is 0 (not visited for it)
	terms = [
		f"case when {GROUP_FIELDS[group]} = 1 and {int(months[group])} > 0 then {int(months[group])} end"
		for group in GROUPS
	]
	interval = "least(" + ", ".join(f"coalesce({term}, 9999)" for term in terms) + ")"
	frappe.db.sql(
		f"""update `tabGS Special Group Member`
		set visit_interval_months = case when {interval} = 9999 then 0 else {interval} end,
			next_visit_due = case when {interval} = 9999 then null
				else date_add(coalesce(last_visit_date, registered_on), interval {interval} month) end
		where is_active = 1"""
	)
	return flagged
