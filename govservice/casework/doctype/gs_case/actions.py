"""The buttons on a case: transfer, call record, department task done, consultation.

Each action runs on the record as stored (never on values sent with the call), checks the caller may write
it, applies its own rules, and saves as the system: a village agent who transfers a case up to the county
may no longer write it afterwards, and the centre changes only here.
"""

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, today

from govservice.casework.errors import CaseError, WrongLevelError
from govservice.casework.ledger import log_action
from govservice.casework.stages import INTAKE_STAGES
from govservice.catalogue.utils import LEVEL_FIELDS
from govservice.domain.case_rules import transfer_due_date
from govservice.organisation.calendar import get_work_calendar
from govservice.utils import shown


class CaseActions:
	"""Mixed into GSCase."""

	def load_for_action(self, ptype: str = "write") -> None:
		if self.is_new():
			frappe.throw(_("Save the case first."), CaseError)
		self.reload()
		self.check_permission(ptype)

	def save_action(self) -> None:
		self.flags.ignore_permissions = True  # load_for_action checked permission on the stored record
		self.save()

	@frappe.whitelist()
	def transfer_targets(self) -> list[dict]:
		"""Centres this case can be transferred to, for the transfer dialog: every other centre of a level
		that handles the item, the nearest levels first."""
		self.load_for_action()
		return [
			frappe.db.get_value("GS Service Centre", name, ["name", "official_name", "level"], as_dict=True)
			for name in transfer_targets_of(self)
		]

	@frappe.whitelist()
	def transfer(self, target_centre: str, reason: str) -> None:
		"""Transfer a case not yet accepted to a centre whose level handles the item (same working day)."""
		self.load_for_action()
		if self.stage not in INTAKE_STAGES:
			frappe.throw(
				_("Only a case that has not been accepted can be transferred."),
				CaseError,
				title=_("Transfer"),
			)
		if not (reason or "").strip():
			frappe.throw(_("Record why the case is transferred."), CaseError, title=_("Transfer"))
		if target_centre not in transfer_targets_of(self):
			frappe.throw(
				_("{0} does not handle {1}; choose a centre of a level that does.").format(
					shown(target_centre), self.item_name
				),
				WrongLevelError,
				title=_("Transfer"),
			)
		self.move_to(target_centre, reason)

	def move_to(self, target_centre: str, reason: str) -> None:
		"""Move the case to `target_centre` (checked by the caller): the transfer itself, also used when a
		village's collected request or visit need goes straight up to the level that handles it."""
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
			_("From {0} to {1}: {2}").format(centre_title(origin), centre_title(target_centre), reason)
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
	def announce_result(
		self,
		delivery_method: str,
		tracking_number: str | None = None,
		electronic_licence: str | None = None,
	) -> None:
		"""Tell the applicant the result of a completed case is ready: for pickup at the window, sent by EMS
		(with its tracking number) or issued as an electronic certificate — the electronic licence the back
		office returned, or a private file attached to the case — which the applicant downloads on the portal.
		The applicant notifications follow `result_ready_on`."""
		self.load_for_action()
		if self.stage != "Completed":
			frappe.throw(
				_("Only a completed case has a result to hand over."), CaseError, title=_("Result Ready")
			)
		options = self.meta.get_field("delivery_method").options.split("\n")
		if not delivery_method or delivery_method not in options:
			frappe.throw(_("Choose how the result is delivered."), CaseError, title=_("Result Ready"))
		tracking_number = (tracking_number or "").strip()
		if delivery_method == "EMS" and not tracking_number:
			frappe.throw(_("Enter the EMS tracking number."), CaseError, title=_("Result Ready"))
		if delivery_method == "EMS" and not (self.address or "").strip():
			frappe.throw(
				_("The case records no address to send the result to."), CaseError, title=_("Result Ready")
			)
		if self.result_issued_on:
			frappe.throw(
				_("The result of this case has been handed over already."), CaseError, title=_("Result Ready")
			)
		if delivery_method == "Electronic Certificate":
			from govservice.service_hall.results import licence_file

			self.electronic_licence = licence_file(self, electronic_licence)
		self.delivery_method = delivery_method
		self.ems_tracking_number = tracking_number if delivery_method == "EMS" else None
		self.result_ready_on = now_datetime()
		self.save_action()
		log_action(
			self,
			"Result Ready",
			_(delivery_method) + (f" {self.ems_tracking_number}" if self.ems_tracking_number else ""),
		)
		from govservice.service_hall.results import open_handover

		open_handover(self)  # 统一出件: the result waits at the chosen results window (or went by EMS)

	@frappe.whitelist()
	def complete_task(self, department: str) -> None:
		"""Mark one department's task of a joint case done (once)."""
		self.load_for_action()
		row = next((row for row in self.tasks if row.department == department), None)
		if not row:
			frappe.throw(_("{0} has no task in this case.").format(shown(department)), CaseError)
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
	def back_office_choices(self) -> dict:
		"""For the 按责转办 dialog: the item's department first, the promised limit as the default, and the
		departments whose back office holds the case now."""
		self.load_for_action()
		from govservice.service_hall.back_office import open_departments

		departments = frappe.get_all(
			"Department",
			filters={"is_group": 0, "disabled": 0},
			fields=["name as value", "department_name as label"],
			order_by="lft asc",
			ignore_permissions=True,  # the county's departments are public (the service guides name them)
		)
		return {
			"departments": departments,
			"department": frappe.get_cached_value("GS Service Item", self.service_item, "department"),
			"limit_days": self.promised_limit_days or 5,
			"open": open_departments(self.name),
		}

	@frappe.whitelist()
	def send_to_back_office(self, department: str, limit_days: int, note: str | None = None) -> str:
		"""按责转办: pass the accepted case, its originals checked (原件预审), to the department's back office."""
		self.load_for_action()
		from govservice.service_hall.back_office import send

		return send(self, department, limit_days, note)

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


def centre_title(centre: str) -> str:
	return frappe.db.get_value("GS Service Centre", centre, "official_name") or centre


def transfer_targets_of(case) -> list[str]:
	"""Centres a case may be transferred to: every other centre of the same county whose level handles the
	item, from the county down (centres are public: the portal lists them)."""
	levels = [
		level
		for level, field in LEVEL_FIELDS.items()
		if frappe.db.get_value("GS Service Item", case.service_item, field)
	]
	lft, rgt = frappe.db.get_value("GS Service Centre", case.service_centre, ["lft", "rgt"])
	county = frappe.db.get_value(
		"GS Service Centre",
		{"lft": ["<=", lft], "rgt": [">=", rgt], "parent_gs_service_centre": ["is", "not set"]},
		["lft", "rgt"],
		as_dict=True,
	)
	return frappe.get_all(
		"GS Service Centre",
		filters={
			"level": ["in", levels],
			"name": ["!=", case.service_centre],
			"lft": [">=", county.lft],
			"rgt": ["<=", county.rgt],
		},
		pluck="name",
		order_by="lft asc",
		ignore_permissions=True,  # the centre directory is public (it is on the portal)
	)
