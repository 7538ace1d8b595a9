import datetime

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime, today

from govservice.casework.ledger import log_action
from govservice.citizen_portal.utils import check_submission_rate, is_portal_user
from govservice.domain.case_rules import (
	Material,
	materials_not_in_earlier_notices,
	missing_materials,
	pause_interval,
	transfer_due_date,
)
from govservice.domain.identity import mask_resident_id
from govservice.organisation.calendar import get_work_calendar
from govservice.utils import checked_credit_code, checked_resident_id

LEVEL_FIELDS = {
	"County": "handled_at_county",
	"Township": "handled_at_township",
	"Village": "handled_at_village",
}

# Ledger action written when a case enters a state.
STATE_ACTIONS = {
	"Accepted": "Accepted",
	"Awaiting Materials": "One-Time Notice",
	"In Progress": "Started Handling",
	"Completed": "Completed",
	"Archived": "Archived",
	"Not Accepted": "Not Accepted",
	"Terminated": "Terminated",
}


class CaseError(frappe.ValidationError):
	pass


class MissingMaterialsError(CaseError):
	pass


class WrongLevelError(CaseError):
	pass


class OneTimeNoticeError(CaseError):
	pass


class DoorToDoorError(CaseError):
	pass


class PortalChangeError(frappe.PermissionError):
	pass


# What an applicant may fill in on the portal; every other field is the centre's.
PORTAL_FIELDS = frozenset(
	(
		"applicant_type",
		"applicant_name",
		"id_number",
		"credit_code",
		"phone",
		"address",
		"is_special_group",
		"special_group",
		"is_door_to_door",
		"preferred_visit_time",
		"service_item",
		"service_centre",
		"agent",
		"request_note",
		"materials",
		"naming_series",
	)
)
# Set by the system on a portal request, whatever was sent.
PORTAL_FORCED = frozenset(("portal_user", "intake_channel", "status", "received_on", "urgency"))


class AgentChangeError(CaseError):
	pass


class GSCase(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from govservice.casework.doctype.gs_case_consultation.gs_case_consultation import GSCaseConsultation
		from govservice.casework.doctype.gs_case_material.gs_case_material import GSCaseMaterial
		from govservice.casework.doctype.gs_case_pause.gs_case_pause import GSCasePause
		from govservice.casework.doctype.gs_case_task.gs_case_task import GSCaseTask

		accepted_on: DF.Datetime | None
		accepted_with_deferral: DF.Check
		address: DF.SmallText | None
		agent: DF.Link
		agent_change_reason: DF.SmallText | None
		agent_name: DF.Data | None
		agreement_signed_date: DF.Date | None
		applicant_name: DF.Data
		applicant_type: DF.Literal["Individual", "Enterprise"]
		archived_on: DF.Datetime | None
		completed_on: DF.Datetime | None
		consultations: DF.Table[GSCaseConsultation]
		credit_code: DF.Data | None
		deadline_date: DF.Date | None
		delivery_method: DF.Literal["", "Window Pickup", "EMS", "Electronic Certificate"]
		fee_amount: DF.Currency
		id_number: DF.Data | None
		intake_channel: DF.Literal[
			"Window", "Phone or Hotline", "Village Collection", "Door-to-Door Visit", "Online Portal"
		]
		is_door_to_door: DF.Check
		is_escalated: DF.Check
		is_paused: DF.Check
		is_special_group: DF.Check
		is_transfer_late: DF.Check
		item_name: DF.Data | None
		level: DF.Literal["County", "Township", "Village"]
		materials: DF.Table[GSCaseMaterial]
		materials_returned: DF.Check
		naming_series: DF.Literal["GS-CASE-.YYYY.-.#####"]
		not_accepted_reason: DF.SmallText | None
		paused_working_days: DF.Int
		pauses: DF.Table[GSCasePause]
		phone: DF.Data
		portal_user: DF.Link | None
		preferred_visit_time: DF.Data | None
		promised_limit_days: DF.Int
		received_on: DF.Datetime
		request_note: DF.SmallText | None
		result: DF.SmallText | None
		service_centre: DF.Link
		service_item: DF.Link
		special_group: DF.Literal["", "Elderly", "Lonely Elderly", "Person with Disability", "Orphan"]
		status: DF.Literal[
			"Registered",
			"Awaiting Materials",
			"Accepted",
			"In Progress",
			"Completed",
			"Archived",
			"Not Accepted",
			"Terminated",
		]
		supplementary_notice_reason: DF.SmallText | None
		tasks: DF.Table[GSCaseTask]
		terminated_by: DF.Literal["", "Applicant", "Cannot Be Completed"]
		termination_reason: DF.SmallText | None
		transfer_reason: DF.SmallText | None
		transferred_from: DF.Link | None
		transferred_on: DF.Datetime | None
		urgency: DF.Literal["Normal", "Urgent", "Green Channel"]
	# end: auto-generated types
	"""A proxy-handling case (代办件) from registration to archive; its states follow the GS Case workflow."""

	def validate(self) -> None:
		if is_portal_user():
			self.validate_portal_changes()
		self.validate_applicant()
		self.validate_door_to_door()
		self.set_item_defaults()
		self.validate_agent()
		self.transition = self.detect_transition()
		if self.transition:
			self.apply_transition(*self.transition)
		self.validate_tasks()

	def on_update(self) -> None:
		if self.is_new_registration():
			log_action(self, "Registered", _("Received through {0}").format(_(self.intake_channel)))
		if self.transition:
			old, new = self.transition
			action = "Materials Supplied" if old == "Awaiting Materials" else STATE_ACTIONS.get(new)
			if action:
				log_action(self, action, self.transition_note(action))
		previous = self.get_doc_before_save()
		if previous and previous.agent != self.agent:
			log_action(self, "Agent Changed", self.agent_change_reason)

	# --- validation -------------------------------------------------------------------------------------

	def validate_applicant(self) -> None:
		if self.applicant_type == "Individual":
			self.id_number = checked_resident_id(self.id_number, CaseError)
			self.id_number_masked = mask_resident_id(self.id_number)
		else:
			self.credit_code = checked_credit_code(self.credit_code, CaseError)
			self.id_number = self.id_number_masked = None
		if self.is_special_group and self.urgency == "Normal":
			self.urgency = "Green Channel"  # 特殊群体绿色通道

	def validate_portal_changes(self) -> None:
		"""Portal requests are inserted and updated by the system for the applicant (Web Forms and the
		portal API bypass DocType permissions), so the rules are here: a new request is the applicant's own,
		Registered, from the portal; later the applicant can only supply materials."""
		if self.is_new():
			check_submission_rate()
			for field in self.meta.fields:
				if field.fieldname in PORTAL_FIELDS or field.fieldname in PORTAL_FORCED or field.fetch_from:
					continue  # fetched fields are copied from the item, centre and agent
				if self.get(field.fieldname) and field.fieldtype not in ("Section Break", "Column Break"):
					frappe.throw(
						_("{0} is filled in by the service centre.").format(_(field.label)),
						PortalChangeError,
						title=_("Online Request"),
					)
			self.update(
				{
					"portal_user": frappe.session.user,
					"intake_channel": "Online Portal",
					"status": "Registered",
					"received_on": now_datetime(),
					"urgency": "Normal",
				}
			)
			return
		previous = self.get_doc_before_save()
		changed = [
			field.label
			for field in self.meta.fields
			if field.fieldtype not in ("Table", "Section Break", "Column Break")
			and field.fieldname != "status"
			and self.get(field.fieldname) != previous.get(field.fieldname)
		]
		if self.portal_user != frappe.session.user or changed or not self.only_materials_supplied(previous):
			frappe.throw(
				_("Only the service centre can change this request; you can upload the missing materials."),
				PortalChangeError,
				title=_("Online Request"),
			)

	def only_materials_supplied(self, previous: "GSCase") -> bool:
		"""True when the applicant only marked materials supplied (never un-supplied) on existing rows."""
		if [row.name for row in self.materials] != [row.name for row in previous.materials]:
			return False
		for row, old in zip(self.materials, previous.materials, strict=True):
			if old.is_received and not row.is_received:
				return False
			if any(
				row.get(field) != old.get(field)
				for field in ("material_name", "is_required", "allows_deferred", "notes")
			):
				return False
		return True

	def validate_door_to_door(self) -> None:
		"""上门办 is for special groups (seed 000: 高龄老人、孤寡老人、残疾人、孤儿), at their address."""
		if not self.is_door_to_door:
			return
		if not (self.is_special_group and self.special_group):
			frappe.throw(
				_("Door-to-door service is for special groups: choose the group the applicant belongs to."),
				DoorToDoorError,
				title=_("Door-to-Door Service"),
			)
		if not (self.address or "").strip() or not (self.preferred_visit_time or "").strip():
			frappe.throw(
				_("Give the address to visit and a preferred time for door-to-door service."),
				DoorToDoorError,
				title=_("Door-to-Door Service"),
			)
		if not frappe.get_cached_value("GS Service Item", self.service_item, "offers_door_to_door"):
			frappe.throw(
				_("{0} is not on the door-to-door list.").format(self.service_item),
				DoorToDoorError,
				title=_("Door-to-Door Service"),
			)

	def set_item_defaults(self) -> None:
		item = frappe.get_cached_doc("GS Service Item", self.service_item)
		self.fee_amount = item.fee_amount if item.is_charged else 0
		if self.is_new() and not self.materials:
			for material in item.materials:
				self.append(
					"materials",
					{
						"material_name": material.material_name,
						"is_required": material.is_required,
						"allows_deferred": material.allows_deferred,
					},
				)
		for row in self.materials:
			if row.is_received and not row.received_date:
				row.received_date = today()

	def validate_agent(self) -> None:
		agent = frappe.db.get_value("GS Agent", self.agent, ["service_centre", "is_active"], as_dict=True)
		previous = self.get_doc_before_save()
		if self.is_new():
			if not agent or not agent.is_active or agent.service_centre != self.service_centre:
				frappe.throw(
					_("The first-contact agent must be an active agent of {0}.").format(self.service_centre),
					AgentChangeError,
					title=_("First-Contact Agent"),
				)
			return
		if previous and previous.agent != self.agent:
			# 首办负责: the first-contact agent stays responsible; a change needs a reason and a supervisor.
			if not (self.agent_change_reason or "").strip() or "GS Supervisor" not in frappe.get_roles():
				frappe.throw(
					_(
						"Only a supervisor can change the first-contact agent, and the reason must be recorded."
					),
					AgentChangeError,
					title=_("First-Contact Agent"),
				)

	def validate_tasks(self) -> None:
		if not self.tasks:
			return
		leads = [row for row in self.tasks if row.is_lead]
		if not leads:
			self.tasks[0].is_lead = 1  # the first department leads (首办牵头)
		elif len(leads) > 1:
			frappe.throw(
				_("Only one department can lead a joint case."), CaseError, title=_("Joint Handling")
			)
		for row in self.tasks:
			if not row.task_deadline_date and self.deadline_date:
				row.task_deadline_date = self.deadline_date
			if row.task_status == "Finished" and not row.completed_date:
				row.completed_date = today()

	# --- transitions ------------------------------------------------------------------------------------

	def detect_transition(self) -> tuple[str, str] | None:
		previous = self.get_doc_before_save()
		if previous and previous.status != self.status:
			return previous.status, self.status
		return None

	def apply_transition(self, old: str, new: str) -> None:
		handler = {
			"Accepted": self.on_accept,
			"Awaiting Materials": self.on_request_materials,
			"Completed": self.on_complete,
			"Archived": self.on_archive,
			"Not Accepted": self.on_not_accepted,
			"Terminated": self.on_terminate,
		}.get(new)
		if old == "Awaiting Materials":
			self.on_materials_supplied()
		if handler:
			handler()

	def on_accept(self) -> None:
		self.check_level_handles_item()
		blocking, deferrable = missing_materials(self.material_list())
		if blocking:
			frappe.throw(
				_(
					"These materials are missing and cannot be deferred: {0}. Issue a one-time notice instead."
				).format("、".join(blocking)),
				MissingMaterialsError,
				title=_("Missing Materials"),
			)
		self.accepted_with_deferral = 1 if deferrable else 0
		self.accepted_on = now_datetime()
		self.agreement_signed_date = today()
		self.set_deadline()

	def on_request_materials(self) -> None:
		missing = [m.name for m in self.material_list() if m.is_required and not m.is_received]
		if not missing:
			frappe.throw(_("No material is missing."), OneTimeNoticeError, title=_("One-Time Notice"))
		earlier = [
			frappe.get_all("GS Notice Material", filters={"parent": notice}, pluck="material_name")
			for notice in frappe.get_all("GS One-Time Notice", filters={"gs_case": self.name}, pluck="name")
		]
		new_materials = materials_not_in_earlier_notices(missing, earlier) if earlier else []
		if new_materials and not (
			(self.supplementary_notice_reason or "").strip() and "GS Supervisor" in frappe.get_roles()
		):
			frappe.throw(
				_(
					"The one-time notice already told the applicant what was missing; {0} was not in it. A supervisor must record why a supplementary notice is needed."
				).format("、".join(new_materials)),
				OneTimeNoticeError,
				title=_("One-Time Notice"),
			)
		notice = frappe.get_doc(
			{
				"doctype": "GS One-Time Notice",
				"gs_case": self.name,
				"service_centre": self.service_centre,
				"issued_date": today(),
				"is_supplementary": 1 if earlier else 0,
				"supplementary_reason": self.supplementary_notice_reason if earlier else None,
				"materials": [{"material_name": name} for name in missing],
			}
		)
		notice.insert(ignore_permissions=True)  # issued by the agent's workflow action on the case
		self.append("pauses", {"notice": notice.name, "from_date": today()})
		self.is_paused = 1
		self.supplementary_notice_reason = None

	def on_materials_supplied(self) -> None:
		pause = next((row for row in self.pauses if not row.to_date), None)
		if not pause:
			return
		listed = set(
			frappe.get_all("GS Notice Material", filters={"parent": pause.notice}, pluck="material_name")
		)
		still_missing = [
			row.material_name for row in self.materials if row.material_name in listed and not row.is_received
		]
		if still_missing:
			frappe.throw(
				_("Still missing: {0}. Mark the materials received first.").format("、".join(still_missing)),
				MissingMaterialsError,
				title=_("Missing Materials"),
			)
		pause.to_date = today()
		interval = pause_interval(getdate(pause.from_date), getdate(pause.to_date))
		pause.paused_working_days = (
			get_work_calendar().count_working_days(interval[0] - datetime.timedelta(days=1), interval[1])
			if interval
			else 0
		)
		frappe.db.set_value("GS One-Time Notice", pause.notice, "supplied_date", pause.to_date)
		self.is_paused = 0
		self.paused_working_days = sum(row.paused_working_days or 0 for row in self.pauses)
		if self.accepted_on:
			self.set_deadline()

	def on_complete(self) -> None:
		open_tasks = [row.department for row in self.tasks if row.task_status != "Finished"]
		if open_tasks:
			frappe.throw(
				_("Every department task must be done first; still open: {0}").format("、".join(open_tasks)),
				CaseError,
				title=_("Joint Handling"),
			)
		self.completed_on = now_datetime()

	def on_archive(self) -> None:
		if not self.delivery_method:
			frappe.throw(
				_("Record how the result was delivered before archiving."), CaseError, title=_("Handover")
			)
		self.archived_on = now_datetime()

	def on_not_accepted(self) -> None:
		if not (self.not_accepted_reason or "").strip():
			frappe.throw(_("Record why the case is not accepted."), CaseError, title=_("Not Accepted"))

	def on_terminate(self) -> None:
		if not self.terminated_by or not (self.termination_reason or "").strip():
			frappe.throw(
				_("Record who ended the entrustment and why."),
				CaseError,
				title=_("Termination of Entrustment"),
			)
		if not self.materials_returned:
			frappe.throw(
				_("Hand the applicant's materials back and tick Materials Handed Back."),
				CaseError,
				title=_("Termination of Entrustment"),
			)

	# --- helpers ----------------------------------------------------------------------------------------

	def material_list(self) -> list[Material]:
		return [
			Material(
				row.material_name, bool(row.is_required), bool(row.allows_deferred), bool(row.is_received)
			)
			for row in self.materials
		]

	def check_level_handles_item(self) -> None:
		if not frappe.db.get_value("GS Service Item", self.service_item, LEVEL_FIELDS[self.level]):
			frappe.throw(
				_("{0} is not handled at {1} level; transfer the case to a centre that handles it.").format(
					self.item_name, _(self.level)
				),
				WrongLevelError,
				title=_("Wrong Level"),
			)

	def closed_pauses(self) -> list[tuple]:
		intervals = []
		for row in self.pauses:
			if row.to_date:
				interval = pause_interval(getdate(row.from_date), getdate(row.to_date))
				if interval:
					intervals.append(interval)
		return intervals

	def set_deadline(self) -> None:
		"""Promised limit in working days from acceptance, not counting paused days."""
		self.deadline_date = get_work_calendar().add_working_days(
			getdate(self.accepted_on), int(self.promised_limit_days or 0), self.closed_pauses()
		)

	def is_new_registration(self) -> bool:
		return not self.get_doc_before_save()

	def transition_note(self, action: str) -> str:
		if action in ("Accepted", "Materials Supplied"):
			return _("Deadline {0}").format(self.deadline_date) if self.deadline_date else ""
		if action == "One-Time Notice":
			return _("Missing: {0}").format(
				"、".join(row.material_name for row in self.materials if not row.is_received)
			)
		if action == "Not Accepted":
			return self.not_accepted_reason
		if action == "Terminated":
			return self.termination_reason
		return ""

	def on_trash(self) -> None:
		frappe.throw(
			_("Cases are never deleted. Terminate or archive the case instead."),
			frappe.PermissionError,
			title=_("Not Allowed"),
		)

	# --- actions ----------------------------------------------------------------------------------------
	# Each action runs on the record as stored (never on values sent with the call), checks the caller may
	# write it, applies its own rules, and saves as the system: a village agent who transfers a case up to
	# the county may no longer write it afterwards, and the centre changes only here.

	def load_for_action(self, ptype: str = "write") -> None:
		if self.is_new():
			frappe.throw(_("Save the case first."), CaseError)
		self.reload()
		self.check_permission(ptype)

	def save_action(self) -> None:
		self.flags.ignore_permissions = True  # the action checked permission on the stored record
		self.save()

	@frappe.whitelist()
	def transfer(self, target_centre: str, reason: str) -> None:
		"""Transfer a registered case to the centre whose level handles the item (same working day)."""
		self.load_for_action()
		if self.status != "Registered":
			frappe.throw(_("Only a registered case can be transferred."), CaseError, title=_("Transfer"))
		if not (reason or "").strip():
			frappe.throw(_("Record why the case is transferred."), CaseError, title=_("Transfer"))
		if target_centre not in transfer_targets_of(self):
			frappe.throw(
				_("{0} does not handle {1}; choose a centre of a level that does.").format(
					target_centre, self.item_name
				),
				WrongLevelError,
				title=_("Transfer"),
			)
		calendar = get_work_calendar()
		due = transfer_due_date(getdate(self.received_on), calendar.is_working_day)
		origin = self.service_centre
		self.transferred_from = origin
		self.service_centre = target_centre
		self.level = frappe.db.get_value("GS Service Centre", target_centre, "level")
		self.transferred_on = now_datetime()
		self.transfer_reason = reason
		self.is_transfer_late = 1 if getdate(self.transferred_on) > due else 0
		self.save_action()
		# 首办负责: the first-contact agent keeps following the case at the receiving centre.
		agent_user = frappe.db.get_value("GS Agent", self.agent, "user")
		frappe.share.add_docshare(
			self.doctype, self.name, agent_user, read=1, write=1, flags={"ignore_share_permission": True}
		)
		log_action(
			self,
			"Transferred",
			_("From {0} to {1}: {2}").format(origin, target_centre, reason)
			+ (" " + _("(late: not on the working day of receipt)") if self.is_transfer_late else ""),
			centre=origin,
		)

	@frappe.whitelist()
	def record_call(self, note: str) -> None:
		"""Record a call to the applicant in the work log."""
		self.load_for_action()
		if not (note or "").strip():
			frappe.throw(_("Write what was said."), CaseError, title=_("Call to Applicant"))
		log_action(self, "Call to Applicant", note)

	@frappe.whitelist()
	def complete_task(self, department: str) -> None:
		"""Mark one department's task of a joint case done (once)."""
		self.load_for_action()
		row = next((row for row in self.tasks if row.department == department), None)
		if not row:
			frappe.throw(_("{0} has no task in this case.").format(department), CaseError)
		if row.task_status == "Finished":
			frappe.throw(
				_("{0} finished its task on {1}.").format(department, row.completed_date),
				CaseError,
				title=_("Joint Handling"),
			)
		row.task_status = "Finished"
		row.completed_date = today()
		self.save_action()
		log_action(self, "Task Done", department)

	@frappe.whitelist()
	def record_consultation(self, meeting_date: str, participants: str, conclusion: str) -> None:
		"""Record a consultation meeting on a hard case (staff only: the minutes are internal)."""
		self.load_for_action()
		if self.meta.get_field("consultations").permlevel not in self.meta.get_permlevel_access("write"):
			raise frappe.PermissionError
		if not (conclusion or "").strip():
			frappe.throw(_("Record the conclusion of the meeting."), CaseError, title=_("Consultation"))
		self.append(
			"consultations",
			{"meeting_date": meeting_date, "participants": participants, "conclusion": conclusion},
		)
		self.save_action()
		log_action(self, "Consultation", conclusion)


def transfer_targets_of(case: "GSCase") -> list[str]:
	"""Centres a case may be transferred to: any other centre whose level handles the item."""
	levels = [
		level
		for level, field in LEVEL_FIELDS.items()
		if frappe.db.get_value("GS Service Item", case.service_item, field)
	]
	return frappe.get_all(
		"GS Service Centre",
		filters={"level": ["in", levels], "name": ["!=", case.service_centre]},
		pluck="name",
		order_by="lft asc",
		ignore_permissions=True,  # the centre directory is public (it is on the portal)
	)


def on_doctype_update() -> None:
	frappe.db.add_index("GS Case", ["status", "deadline_date"])
