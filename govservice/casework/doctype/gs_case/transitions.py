"""What happens when a case changes stage (the meaning of its workflow state; see casework/stages.py)."""

import datetime

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, today

from govservice.casework.errors import CaseError, MissingMaterialsError, OneTimeNoticeError, WrongLevelError
from govservice.casework.stages import stage_of_state
from govservice.catalogue.utils import LEVEL_FIELDS
from govservice.domain.case_rules import (
	Material,
	materials_not_in_earlier_notices,
	missing_materials,
	pause_interval,
)
from govservice.organisation.calendar import get_work_calendar

# Ledger action written when a case enters a stage.
STAGE_ACTIONS = {
	"Accepted": "Accepted",
	"Awaiting Materials": "One-Time Notice",
	"In Progress": "Started Handling",
	"Completed": "Completed",
	"Archived": "Archived",
	"Not Accepted": "Not Accepted",
	"Terminated": "Terminated",
}


class CaseTransitions:
	"""Mixed into GSCase: the stage follows the workflow state; each stage change applies its rules."""

	def set_stage(self) -> None:
		"""The stage the workflow gives the current state; a state without one keeps the case's stage."""
		previous = self.get_doc_before_save()
		self.stage = stage_of_state(self.status) or (previous.stage if previous else None) or "Registered"

	def detect_transition(self) -> tuple[str, str] | None:
		previous = self.get_doc_before_save()
		if previous and previous.stage != self.stage:
			return previous.stage, self.stage
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
		# accepting is checking: the materials received are the ones the agent checked (the applicant's
		# portal shows them checked, no longer "uploaded, awaiting check")
		for row in self.materials:
			if row.is_received:
				row.is_verified = 1
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
		self.notice_materials = missing

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
		from govservice.service_hall.back_office import open_departments

		waiting = open_departments(self.name)
		if waiting:
			frappe.throw(
				_("The back office has not returned its result yet: {0}").format("、".join(waiting)),
				CaseError,
				title=_("Back Office"),
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

	def transition_note(self, action: str) -> str:
		if action in ("Accepted", "Materials Supplied"):
			return _("Deadline {0}").format(self.deadline_date) if self.deadline_date else ""
		if action == "One-Time Notice":
			# what the notice lists: the required materials still missing, not the optional ones
			return _("Missing: {0}").format("、".join(getattr(self, "notice_materials", None) or []))
		if action == "Not Accepted":
			return self.not_accepted_reason
		if action == "Terminated":
			return self.termination_reason
		return ""
