"""A village's weekly collection sheet (一周一收集): one row per request collected at the fixed time and place;
dispatching it turns each row into a case (urgent first) or, for what is not a government-service matter,
a reply and a referral. The rows show their cases' states until every case is closed."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_days, getdate, now_datetime

from govservice.domain.identity import normalise
from govservice.domain.outreach_rules import respond_by, urgency_rank
from govservice.organisation.calendar import get_work_calendar
from govservice.utils import checked_resident_id, shown
from govservice.village_outreach.cases import CaseOpener, refuse_rows, state_label, update_rows
from govservice.village_outreach.errors import DispatchError, OutreachError
from govservice.village_outreach.register import groups_of


class GSCollectionSheet(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from govservice.village_outreach.doctype.gs_collection_request.gs_collection_request import (
			GSCollectionRequest,
		)

		collected_by: DF.Link
		collected_on: DF.Date
		collection_place: DF.Data | None
		collection_time: DF.Data | None
		county_centre: DF.Link | None
		dispatched_on: DF.Datetime | None
		naming_series: DF.Literal["GS-COL-.YYYY.-.#####"]
		requests: DF.Table[GSCollectionRequest]
		service_centre: DF.Link
		status: DF.Literal["To Dispatch", "Dispatched", "Closed"]
		township_centre: DF.Link | None
		week_start: DF.Date

	# end: auto-generated types
	def validate(self) -> None:
		if frappe.db.get_value("GS Service Centre", self.service_centre, "level") != "Village":
			frappe.throw(
				_("Collection sheets are kept by village stations: choose the village."),
				OutreachError,
				title=_("Village Station"),
			)
		agent = frappe.db.get_value(
			"GS Agent", self.collected_by, ["service_centre", "is_active"], as_dict=True
		)
		if not agent or not agent.is_active or agent.service_centre != self.service_centre:
			frappe.throw(
				_("The collecting agent must be an active agent of {0}.").format(self.service_centre),
				OutreachError,
				title=_("Collected By"),
			)
		if not self.requests:
			frappe.throw(_("Add the requests collected, one row each."), OutreachError, title=_("Requests"))
		week = getdate(self.week_start)
		self.week_start = add_days(week, -week.weekday())  # the Monday of that week
		calendar = get_work_calendar()
		previous = self.get_doc_before_save()
		stored_rows = {row.name: row for row in previous.requests} if previous else {}
		for row in self.requests:
			stored = stored_rows.get(row.name)
			if stored and (stored.gs_case or stored.case_state) and row_changed(stored, row):
				frappe.throw(
					_("Row {0} has been dispatched; it can no longer be changed.").format(row.idx),
					OutreachError,
					title=_("Requests"),
				)
			self.validate_row(row)
			row.respond_by = respond_by(getdate(self.collected_on), row.urgency, calendar.add_working_days)
		kept = {r.name for r in self.requests}
		removed = [
			row for name, row in stored_rows.items() if (row.gs_case or row.case_state) and name not in kept
		]
		if removed:
			frappe.throw(
				_("A dispatched row cannot be removed (row {0}).").format(removed[0].idx),
				OutreachError,
				title=_("Requests"),
			)
		if self.status != "To Dispatch" and any(not row.case_state for row in self.requests):
			self.status = "To Dispatch"  # a row added after dispatching waits for the next dispatch

	def validate_row(self, row) -> None:
		if row.special_group_member:
			member = frappe.db.get_value(
				"GS Special Group Member",
				row.special_group_member,
				["service_centre", "full_name", "phone", "address"],
				as_dict=True,
			)
			if not member or not frappe.has_permission(
				"GS Special Group Member", "read", doc=row.special_group_member
			):
				raise frappe.PermissionError(
					_("You may not read {0}.").format(shown(row.special_group_member))
				)
			if member.service_centre != self.service_centre:
				frappe.throw(
					_("Row {0}: {1} is on another village's register.").format(
						row.idx, shown(row.special_group_member)
					),
					OutreachError,
					title=_("Requests"),
				)
			row.requester_name = row.requester_name or member.full_name
			row.phone = row.phone or member.phone
			row.address = row.address or member.address
		if row.id_number:
			row.id_number = checked_resident_id(row.id_number, OutreachError)
		if row.is_government_matter:
			row.reply = row.referral = None

	def onload(self) -> None:
		self.set_onload("can_dispatch", self.status == "To Dispatch" and self.has_permission("write"))

	@frappe.whitelist()
	def dispatch(self) -> dict:
		"""Dispatch every row not yet dispatched, urgent first: a government-service matter becomes a case at
		the village (or, the same working day, at the nearest level that handles its item), channel 村级代收;
		any other request is answered and referred. Every row is checked before any case is opened."""
		self.reload()
		self.check_permission("write")
		rows = sorted(
			(row for row in self.requests if not row.case_state),
			key=lambda row: (urgency_rank(row.urgency), row.idx),
		)
		if not rows:
			frappe.throw(_("Every row has been dispatched."), DispatchError, title=_("Dispatch"))
		matters = [row for row in rows if row.is_government_matter]
		opener = CaseOpener(self.service_centre, [row.service_item for row in matters]) if matters else None
		members = self.members_of(matters)
		refuse_rows(
			[
				_("Row {0} ({1}): {2}").format(row.idx, row.requester_name, problem)
				for row in rows
				if (problem := self.row_problem(row, opener, members))
			],
			_("Dispatch"),
		)
		now = now_datetime()
		counts = {"cases": 0, "moved_up": 0, "replied": 0}
		shown: dict[str, dict] = {}
		replied = state_label("Replied and Referred")
		for row in rows:
			if not row.is_government_matter:
				shown[row.name] = {"case_state": replied}
				counts["replied"] += 1
				continue
			member = members.get(row.special_group_member)
			groups = groups_of(member) if member else []
			case = opener.open(
				row.service_item,
				self.collected_by,
				{
					"applicant_name": row.requester_name,
					"id_number": member.id_number if member else row.id_number,
					"phone": row.phone,
					"address": row.address,
					"is_special_group": 1 if groups else 0,
					"special_group": groups[0] if groups else None,
					"intake_channel": "Village Collection",
					"urgency": "Urgent" if row.urgency == "Urgent Need" else "Normal",
					"request_note": _("Collected on {0} ({1}): {2}").format(
						frappe.utils.formatdate(self.collected_on), self.name, row.request
					),
				},
				_("collected on sheet {0}").format(self.name),
			)
			shown[row.name] = {
				"gs_case": case.name,
				"case_centre": case.service_centre,
				"case_state": state_label(case.status),
			}
			counts["cases"] += 1
			counts["moved_up"] += case.service_centre != self.service_centre
		update_rows("GS Collection Request", shown)
		self.db_set({"status": "Dispatched", "dispatched_on": now})
		self.add_comment(
			"Info",
			_(
				"Dispatched: {0} cases ({1} sent up to the level that handles them), {2} answered and referred."
			).format(counts["cases"], counts["moved_up"], counts["replied"]),
		)
		return counts

	def members_of(self, rows) -> dict:
		names = sorted({row.special_group_member for row in rows if row.special_group_member})
		if not names:
			return {}
		return {
			doc.name: doc
			for doc in frappe.get_list(
				"GS Special Group Member",
				# a person of this village's register only, whom the dispatcher may read
				filters={"name": ["in", names], "service_centre": self.service_centre},
				fields=[
					"name",
					"id_number",
					"service_centre",
					"is_elderly",
					"is_lonely_elderly",
					"is_disabled",
					"is_orphan",
				],
			)
		}

	def row_problem(self, row, opener, members) -> str | None:
		if not row.is_government_matter:
			if not (row.reply or "").strip() or not (row.referral or "").strip():
				return _("not a government-service matter: write the reply and where it is referred")
			return None
		if not row.service_item:
			return _("match the request to a service item of the catalogue")
		if row.special_group_member and row.special_group_member not in members:
			return _("{0} is not on the register").format(row.special_group_member)
		if not row.special_group_member and not normalise(row.id_number or ""):
			return _("the requester's resident ID number is needed for the case")
		return opener.check_item(row.service_item)

	def on_trash(self) -> None:
		frappe.throw(
			_("Collection sheets are never deleted."), frappe.PermissionError, title=_("Not Allowed")
		)


EDITABLE = (
	"requester_name",
	"request",
	"urgency",
	"service_item",
	"id_number",
	"phone",
	"address",
	"special_group_member",
	"is_government_matter",
	"reply",
	"referral",
)


def row_changed(stored, row) -> bool:
	return any((stored.get(field) or None) != (row.get(field) or None) for field in EDITABLE)
