"""走访计划: who on the special-group register is due or overdue for a visit, per village (the reader's
scope, through the register's own permissions). ID numbers are masked here."""

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today

from govservice.domain.outreach_rules import visit_state
from govservice.reporting import column
from govservice.village_outreach.register import groups_of

SOON_DAYS = 14


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	filters = frappe._dict(filters or {})
	day = getdate(filters.get("as_of") or today())
	conditions = {"is_active": 1, "next_visit_due": ["<=", add_days(day, SOON_DAYS)]}
	if filters.get("state") == "Overdue":
		conditions["next_visit_due"] = ["<", day]
	if filters.get("service_centre"):
		conditions["service_centre"] = filters.service_centre
	members = frappe.get_list(
		"GS Special Group Member",
		filters=conditions,
		fields=[
			"name",
			"full_name",
			"id_number_masked",
			"service_centre",
			"agent_name",
			"phone",
			"address",
			"last_visit_date",
			"next_visit_due",
			"consent_to_visit",
			"is_elderly",
			"is_lonely_elderly",
			"is_disabled",
			"is_orphan",
		],
		order_by="next_visit_due asc, name asc",
		limit_page_length=0,
	)
	rows = []
	for member in members:
		due = getdate(member.next_visit_due)
		state = visit_state(due, day, SOON_DAYS)
		rows.append(
			{
				"member": member.name,
				"full_name": member.full_name,
				"id_number_masked": member.id_number_masked,
				"service_centre": member.service_centre,
				"groups": "、".join(_(group) for group in groups_of(member)),
				"agent_name": member.agent_name,
				"phone": member.phone,
				"address": member.address,
				"last_visit_date": member.last_visit_date,
				"next_visit_due": member.next_visit_due,
				"state": _(state),
				"days_overdue": (day - due).days if state == "Overdue" else None,
				# the one column a phone needs: how late, or when due
				"due_label": _("{0} days overdue").format((day - due).days)
				if state == "Overdue"
				else _("Due {0}").format(f"{due.month}-{due.day}"),
				"consent": _("Yes") if member.consent_to_visit else _("No"),
			}
		)
	return columns(), rows


def columns() -> list[dict]:
	# who, how late and how to reach them first, narrow: on a 390 px phone in the field these are what shows
	return [
		column("Full Name", "full_name", width=64),
		column("Visit Due", "due_label", width=86),
		column("Phone", "phone", width=104),
		column("Address", "address", width=140),
		column("Visit State", "state", width=80),
		column("Next Visit Due", "next_visit_due", "Date", 100),
		column("Days Overdue", "days_overdue", "Int", 80),
		column("Special Groups", "groups", width=140),
		column("Responsible Agent", "agent_name", width=90),
		column("Last Visit", "last_visit_date", "Date", 100),
		column("Consents to Visits", "consent", width=80),
		column("Resident ID Number (Masked)", "id_number_masked", width=160),
		column("Village Station", "service_centre", "Link", 120, "GS Service Centre"),
		column("Person Visited", "member", "Link", 120, "GS Special Group Member"),
	]
