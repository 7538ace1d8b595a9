"""重点项目全程代办: a key project carried by its agency team through an approval plan approved in parallel."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime, nowdate

from govservice.citizen_portal.utils import is_portal_user
from govservice.domain.identity import is_valid_unified_credit_code
from govservice.domain.project_rules import project_code_problem
from govservice.key_projects import actions, commitments
from govservice.key_projects.commitments import check_deferred
from govservice.key_projects.materials import check_materials
from govservice.key_projects.permissions import may_act
from govservice.key_projects.plan import check_plan, copy_template, describe_change, refresh_schedule
from govservice.security.registry import is_admin
from govservice.security.scope import user_centres


def code_problem_message(problem: str) -> str:
	return {
		"format": _("The investment project code must read like 2026-422828-34-02-000123."),
		"year": _("The investment project code's year is not possible."),
		"area": _("The investment project code's area code is not a Chinese administrative division."),
		"type": _("The investment project code's type must be 01 (审批), 02 (核准) or 03 (备案)."),
		"type mismatch": _("The investment project code's type does not match the project type."),
		"serial": _("The investment project code's serial number cannot be zero."),
	}[problem]


class GSKeyProject(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from govservice.key_projects.doctype.gs_project_approval.gs_project_approval import GSProjectApproval
		from govservice.key_projects.doctype.gs_project_approval_pause.gs_project_approval_pause import (
			GSProjectApprovalPause,
		)
		from govservice.key_projects.doctype.gs_project_material.gs_project_material import GSProjectMaterial
		from govservice.key_projects.doctype.gs_project_plan_change.gs_project_plan_change import (
			GSProjectPlanChange,
		)
		from govservice.key_projects.doctype.gs_project_stage.gs_project_stage import GSProjectStage
		from govservice.key_projects.doctype.gs_project_team_member.gs_project_team_member import (
			GSProjectTeamMember,
		)

		accepted_on: DF.Date | None
		approval_pauses: DF.Table[GSProjectApprovalPause]
		approvals: DF.Table[GSProjectApproval]
		credit_code: DF.Data
		entrusted_on: DF.Date
		green_channel: DF.Check
		industry: DF.Data | None
		liaison_agent: DF.Link
		liaison_user: DF.Link | None
		materials: DF.Table[GSProjectMaterial]
		naming_series: DF.Literal["GS-KP-.YYYY.-.####"]
		owner_contact: DF.Data | None
		owner_enterprise: DF.Data
		owner_phone: DF.Data | None
		owner_user: DF.Link | None
		plan_change_reason: DF.SmallText | None
		plan_changes: DF.Table[GSProjectPlanChange]
		plan_template: DF.Link | None
		planned_finish: DF.Date | None
		planned_working_days: DF.Int
		project_code: DF.Data | None
		project_level: DF.Literal["Provincial", "Prefectural", "County", "Enterprise Above Designated Size"]
		project_name: DF.Data
		project_type: DF.Literal["Government Invested", "Enterprise Approval", "Enterprise Filing"]
		serial_working_days: DF.Int
		service_centre: DF.Link
		site_address: DF.Data | None
		stages: DF.Table[GSProjectStage]
		status: DF.Literal["Entrusted", "In Approval", "Completed", "Suspended"]
		team: DF.Table[GSProjectTeamMember]
		total_investment: DF.Float
		voluntary_free_entrustment: DF.Check
	# end: auto-generated types

	def onload(self) -> None:
		"""The approvals the reader may act on (the form offers those only: a department's contact sees its
		own department's approvals in the dialogs, not its co-approvers')."""
		from govservice.key_projects.permissions import leads, may_record

		self.set_onload("actionable_approvals", [row.name for row in self.approvals if may_record(self, row)])
		# 牵头部门: the stages the reader leads (accept the next one, urge its co-approvers)
		self.set_onload("led_stages", [stage.stage_name for stage in self.stages if leads(self, stage)])
		self.set_onload("rest_days", rest_days(self))

	def validate(self) -> None:
		self.validate_owner()
		self.validate_owner_account()
		self.validate_centre_and_liaison()
		check_plan(self)
		check_deferred(self)
		check_materials(self)
		self.record_plan_change()
		actions.complete_stage_check(self)
		refresh_schedule(self)

	def validate_owner(self) -> None:
		self.credit_code = (self.credit_code or "").strip().upper()
		if not is_valid_unified_credit_code(self.credit_code):
			frappe.throw(_("The unified social credit code is not valid."), title=_("Owner Enterprise"))
		if self.project_code:
			self.project_code = self.project_code.strip()
			problem = project_code_problem(self.project_code, self.project_type, getdate(nowdate()).year)
			if problem:
				frappe.throw(code_problem_message(problem), title=_("Investment Project Code"))

	def validate_owner_account(self) -> None:
		"""The enterprise's portal account: an enterprise account on the portal whose credit code is the
		project's (the project then shows on that account's portal pages, and nowhere else)."""
		if not self.owner_user:
			return
		profile = frappe.db.get_value(
			"GS Portal Profile", {"user": self.owner_user}, ["account_type", "credit_code"], as_dict=True
		)
		if (
			not is_portal_user(self.owner_user)
			or not profile
			or profile.account_type != "Enterprise"
			or (profile.credit_code or "").strip().upper() != self.credit_code
		):
			frappe.throw(
				_("The portal account must be an enterprise account with the credit code {0}.").format(
					self.credit_code
				),
				title=_("Enterprise's Portal Account"),
			)

	def validate_centre_and_liaison(self) -> None:
		agent = frappe.db.get_value("GS Agent", self.liaison_agent, ["user", "is_active"], as_dict=True)
		if not agent or not agent.is_active:
			frappe.throw(_("The liaison agent must be an active agent."))
		self.liaison_user = agent.user
		if (
			self.is_new()
			and not is_admin()
			and self.service_centre not in user_centres(frappe.session.user, self.doctype)
		):
			frappe.throw(_("A project is handled at one of your centres."), exc=frappe.PermissionError)

	def record_plan_change(self) -> None:
		"""After acceptance a plan change needs a reason, is recorded, and never drops a started approval."""
		before = None if self.is_new() else self.get_doc_before_save()
		if before is None or not before.accepted_on:
			self.plan_change_reason = None
			return
		kept = {row.name for row in self.approvals}
		for row in before.approvals:
			if row.name not in kept and row.approval_status != "Not Started":
				frappe.throw(_("{0} has started and stays in the plan.").format(row.item_name))
		change = describe_change(before, self)
		if not change:
			self.plan_change_reason = None
			return
		if not (self.plan_change_reason or "").strip():
			frappe.throw(_("Give the reason for the plan change."), title=_("Approval Plan"))
		self.append(
			"plan_changes",
			{
				"changed_on": now_datetime(),
				"changed_by": frappe.session.user,
				"reason": self.plan_change_reason.strip(),
				"summary": change,
			},
		)
		self.plan_change_reason = None

	@frappe.whitelist()
	def apply_template(self, template: str) -> None:
		"""Fill the plan from a template (before the first stage is accepted)."""
		if not may_act(self):
			raise frappe.PermissionError(_("Only the project's agency team may change its plan."))
		if self.accepted_on:
			frappe.throw(_("The plan of an accepted project is changed row by row, with a reason."))
		if not frappe.db.exists("GS Project Plan Template", template):
			frappe.throw(_("No such plan template."))
		copy_template(self, template)
		self.flags.ignore_permissions = True  # checked above: the team's action
		self.save()

	@frappe.whitelist()
	def accept_stage(self) -> str:
		return actions.accept_stage(self)

	@frappe.whitelist()
	def record_approval(
		self, approval: str, approval_number: str | None = None, approved_on: str | None = None
	) -> str:
		return actions.record_approval(self, approval, approval_number, approved_on)

	@frappe.whitelist()
	def urge_approval(self, approval: str, note: str) -> None:
		actions.urge_approval(self, approval, note)

	@frappe.whitelist()
	def record_verification(self, approval: str, outcome: str, note: str | None = None) -> None:
		commitments.record_verification(self, approval, outcome, note)

	@frappe.whitelist()
	def receive_deferred(self, deferred: str) -> None:
		commitments.receive_deferred(self, deferred)

	@frappe.whitelist()
	def change_liaison(self, agent: str, reason: str) -> str:
		return actions.change_liaison(self, agent, reason)

	@frappe.whitelist()
	def pause_approval(self, approval: str, missing_materials: str) -> None:
		actions.pause_approval(self, approval, missing_materials)

	@frappe.whitelist()
	def resume_approval(self, approval: str) -> None:
		actions.resume_approval(self, approval)

	@frappe.whitelist()
	def pre_review_stage(self, stage: str, deferred_materials: str | None = None) -> None:
		actions.pre_review_stage(self, stage, deferred_materials)


def rest_days(project) -> list[str]:
	"""The days off (weekends and public holidays, with China's swapped working days) over the project's
	timetable, for the Gantt chart to shade: its limits are working days."""
	from frappe.utils import add_days

	from govservice.domain.workdays import CalendarRangeError
	from govservice.organisation.calendar import get_work_calendar

	dates = [getdate(value) for value in (project.accepted_on, project.planned_finish) if value]
	dates += [getdate(row.planned_start) for row in project.approvals if row.planned_start]
	if not dates:
		return []
	first, last = add_days(min(dates), -35), add_days(max(dates), 35)  # the chart's month either side
	if (last - first).days > 400:
		return []
	calendar = get_work_calendar()
	days = []
	day = first
	while day <= last:
		try:
			if not calendar.is_working_day(day):
				days.append(str(day))
		except CalendarRangeError:
			pass
		day = add_days(day, 1)
	return days
