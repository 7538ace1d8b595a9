"""A visit (调查走访) to a person on the special-group register: what was found, the contact card and
leaflets handed over, and the needs found — each of which becomes a door-to-door case in one action."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from govservice.citizen_portal.utils import agent_on_duty
from govservice.domain.outreach_rules import GROUPS, next_visit_due
from govservice.utils import checked_resident_id, shown
from govservice.village_outreach.cases import CaseOpener, refuse_rows, update_rows
from govservice.village_outreach.errors import OutreachError
from govservice.village_outreach.register import groups_of


class GSSpecialGroupVisit(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from govservice.village_outreach.doctype.gs_visit_need.gs_visit_need import GSVisitNeed

		contact_card_given: DF.Check
		county_centre: DF.Link | None
		due_date: DF.Date | None
		findings: DF.SmallText
		full_name: DF.Data | None
		is_on_time: DF.Check
		leaflets_given: DF.Check
		member: DF.Link
		naming_series: DF.Literal["GS-VISIT-.YYYY.-.#####"]
		needs: DF.Table[GSVisitNeed]
		service_centre: DF.Link | None
		township_centre: DF.Link | None
		visit_date: DF.Date
		visitors: DF.SmallText

	# end: auto-generated types
	def validate(self) -> None:
		member = self.stored_member()
		if self.is_new():
			self.service_centre = member.service_centre  # the visit belongs to the person's village
			self.due_date = member.next_visit_due
		if getdate(self.visit_date) > getdate(today()):
			frappe.throw(_("A visit is recorded after it took place."), OutreachError, title=_("Visit Date"))
		self.is_on_time = 1 if not self.due_date or getdate(self.visit_date) <= getdate(self.due_date) else 0
		previous = self.get_doc_before_save()
		kept = {row.name for row in self.needs}
		for row in previous.needs if previous else []:
			if row.gs_case and row.name not in kept:
				frappe.throw(
					_("Row {0} already has its case {1}; it can no longer be changed.").format(
						row.idx, row.gs_case
					),
					OutreachError,
					title=_("Needs Found"),
				)
		for row in self.needs:
			stored = previous and next((r for r in previous.needs if r.name == row.name), None)
			if stored and stored.gs_case and stored.service_item != row.service_item:
				frappe.throw(
					_("Row {0} already has its case {1}; it can no longer be changed.").format(
						row.idx, stored.gs_case
					),
					OutreachError,
					title=_("Needs Found"),
				)
			if row.service_item:
				row.department_visit = frappe.get_cached_value(
					"GS Service Item", row.service_item, "department_visits_home"
				)
			if row.for_household_member:
				# a need of someone else in the household: the case is in their own name
				if not (row.member_name or "").strip():
					frappe.throw(
						_("Row {0}: enter the household member's name.").format(row.idx),
						OutreachError,
						title=_("Needs Found"),
					)
				row.member_id_number = checked_resident_id(row.member_id_number, OutreachError)
			else:
				row.member_name = row.member_id_number = row.member_relationship = row.member_phone = None

	def stored_member(self):
		if not self.member or not frappe.db.exists("GS Special Group Member", self.member):
			frappe.throw(_("Choose the person visited."), OutreachError, title=_("Person Visited"))
		member = frappe.get_doc("GS Special Group Member", self.member)
		if not frappe.has_permission("GS Special Group Member", "read", doc=member):
			raise frappe.PermissionError(_("You may not record visits to {0}.").format(shown(self.member)))
		if self.is_new() and not member.is_active:
			frappe.throw(
				_("{0} is no longer on the register.").format(member.full_name),
				OutreachError,
				title=_("Person Visited"),
			)
		return member

	def on_update(self) -> None:
		"""The person's last visit and next due date follow the latest visit."""
		member = frappe.get_doc("GS Special Group Member", self.member)
		latest = (
			frappe.db.sql(
				"select max(visit_date) from `tabGS Special Group Visit` where member = %s", self.member
			)[0][0]
			or self.visit_date
		)
		due = next_visit_due(getdate(latest), getdate(member.registered_on), member.visit_interval_months)
		frappe.db.set_value(
			"GS Special Group Member",
			self.member,
			{"last_visit_date": latest, "next_visit_due": due if member.is_active else None},
		)

	@frappe.whitelist()
	def create_cases(self) -> list[str]:
		"""Turn every need with a service item and no case yet into a case: door-to-door where the item is
		on the door-to-door list, green channel, at the village or — the same working day — at the level that
		handles the item, with the department's task where it comes to the door."""
		self.reload()
		self.check_permission("write")
		rows = [row for row in self.needs if row.service_item and not row.gs_case]
		if not rows:
			frappe.throw(
				_(
					"No need with a service item is waiting for its case: choose the service item of each need."
				),
				OutreachError,
				title=_("Create Cases"),
			)
		member = frappe.get_doc("GS Special Group Member", self.member)
		opener = CaseOpener(member.service_centre, [row.service_item for row in rows])
		refuse_rows(
			[
				_("Row {0}: {1}").format(row.idx, problem)
				for row in rows
				if (problem := opener.check_item(row.service_item))
			],
			_("Create Cases"),
		)
		agent = self.village_agent(member)
		groups = groups_of(member)
		created, shown = [], {}
		for row in rows:
			door_to_door = bool(opener.items[row.service_item].offers_door_to_door)
			applicant = (
				{
					"applicant_name": row.member_name,
					"id_number": row.member_id_number,
					"phone": row.member_phone or member.phone,
					"is_special_group": 0,
					"urgency": "Normal",
					"request_note": _("Found on visit {0} to {1} ({2}): {3}").format(
						self.name,
						member.full_name,
						row.member_relationship or _("household member"),
						row.description,
					),
				}
				if row.for_household_member
				else {
					"applicant_name": member.full_name,
					"id_number": member.id_number,
					"phone": member.phone,
					"is_special_group": 1,
					"special_group": next(group for group in GROUPS if group in groups),
					"urgency": "Green Channel",
					"request_note": _("Found on visit {0}: {1}").format(self.name, row.description),
				}
			)
			case = opener.open(
				row.service_item,
				agent,
				{
					**applicant,
					"address": member.address,
					# 上门办 is the special group's; a household member's case is handled for them by proxy
					"is_door_to_door": 1 if door_to_door and not row.for_household_member else 0,
					"preferred_visit_time": member.preferred_visit_time
					or _("Arranged by phone with the agent"),
					"intake_channel": "Door-to-Door Visit",
				},
				_("need found on visit {0}").format(self.name),
			)
			shown[row.name] = {"gs_case": case.name, "case_centre": case.service_centre}
			created.append(case.name)
		update_rows("GS Visit Need", shown)
		self.add_comment("Info", _("Cases created: {0}").format(", ".join(created)))
		return created

	def village_agent(self, member) -> str:
		"""The first-contact agent of the cases: the agent who records them when they work at the village,
		else the person's responsible agent when they do, else the village's agent on duty."""
		own = frappe.db.get_value(
			"GS Agent", {"user": frappe.session.user, "is_active": 1, "service_centre": member.service_centre}
		)
		if own:
			return own
		if frappe.db.get_value("GS Agent", member.responsible_agent, ["service_centre", "is_active"]) == (
			member.service_centre,
			1,
		):
			return member.responsible_agent
		agent = agent_on_duty(member.service_centre)
		if not agent:
			frappe.throw(
				_("{0} has no active agent to register the cases.").format(member.service_centre),
				OutreachError,
				title=_("Create Cases"),
			)
		return agent

	def on_trash(self) -> None:
		frappe.throw(_("Visits are never deleted."), frappe.PermissionError, title=_("Not Allowed"))
