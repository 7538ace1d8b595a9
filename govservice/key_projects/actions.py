"""What the agency team and the departments do with a key project: accept a stage (its approvals start in
parallel), record an approval (the stage completes when every required one is, and the next stage opens).

Each action checks its own rule and who may take it (govservice.key_projects.permissions), then saves with
`flags.ignore_permissions`: the status and date fields it sets are the system's (read-only, protected against
plain saves by govservice.security.writes). Each leaves a comment on the project, and Version keeps the rest.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate

from govservice.key_projects.permissions import may_act, may_record


class ProjectActionError(frappe.ValidationError):
	pass


def open_required(project, stage_name: str) -> list:
	"""The stage's required approvals not yet approved: what keeps it from completing."""
	return [
		r
		for r in project.approvals
		if r.stage_name == stage_name and r.is_required and r.approval_status != "Approved"
	]


def next_stage(project):
	"""The first stage not yet opened, if it may open now: the first stage, or one whose previous stage is
	complete, or opened long enough ago for the plan's overlap."""
	from govservice.organisation.calendar import get_work_calendar

	previous = None
	for stage in project.stages:
		if stage.stage_status == "Not Started":
			if previous is None or previous.stage_status == "Completed":
				return stage
			if stage.overlap_after_days and previous.opened_on:
				opens = get_work_calendar().add_working_days(
					getdate(previous.opened_on), stage.overlap_after_days
				)
				if opens <= getdate():
					return stage
			return None
		previous = stage
	return None


def start_stage(project, stage, on) -> None:
	stage.stage_status = "Open"
	stage.opened_on = on
	first_serial = True
	for row in project.approvals:
		if row.stage_name != stage.stage_name or row.approval_status != "Not Started":
			continue
		if row.is_parallel or first_serial:
			row.approval_status = "In Progress"
			row.started_on = on
		if not row.is_parallel:
			first_serial = False


def accept_stage(project) -> str:
	"""Accept the next stage: its parallel approvals (and the first serial one) start today."""
	if not may_act(project):
		raise frappe.PermissionError(_("Only the project's agency team may accept a stage."))
	if project.status in ("Completed", "Suspended"):
		raise ProjectActionError(_("This project is {0}.").format(_(project.status)))
	if not project.stages:
		raise ProjectActionError(_("Apply a plan template or add stages first."))
	stage = next_stage(project)
	if stage is None:
		raise ProjectActionError(_("No stage can be accepted now: the previous stage is not complete."))
	if not any(row.stage_name == stage.stage_name for row in project.approvals):
		raise ProjectActionError(_("Stage {0} has no approvals.").format(stage.stage_name))
	today = getdate()
	if not project.accepted_on:
		project.accepted_on = today
	project.status = "In Approval"
	start_stage(project, stage, today)
	project.flags.ignore_permissions = True  # checked above: the team's action
	project.save()
	project.add_comment("Info", _("Stage accepted: {0}").format(stage.stage_name))
	return stage.stage_name


def record_approval(project, row_name: str, approval_number: str | None = None, approved_on=None) -> str:
	"""Record an approval as granted; complete its stage when every required approval is, open the next."""
	row = approval_row(project, row_name)
	if not may_record(project, row):
		raise frappe.PermissionError(
			_("Only the project's agency team or the approving department may record this.")
		)
	if row.approval_status != "In Progress":
		raise ProjectActionError(_("{0} is not in progress.").format(row.item_name))
	if row.is_paused:
		raise ProjectActionError(
			_("{0} is waiting for materials: restart its clock when they arrive.").format(row.item_name)
		)
	on = getdate(approved_on) if approved_on else getdate()
	if on > getdate() or on < getdate(row.started_on):
		raise ProjectActionError(_("The approval date must lie between its start and today."))
	row.approval_status = "Approved"
	row.approved_on = on
	row.approval_number = (approval_number or "").strip()[:140] or None
	stage = next(s for s in project.stages if s.stage_name == row.stage_name)
	waiting = [
		r
		for r in project.approvals
		if r.stage_name == stage.stage_name and not r.is_parallel and r.approval_status == "Not Started"
	]
	if not row.is_parallel and waiting:
		waiting[0].approval_status = "In Progress"
		waiting[0].started_on = on
	if not open_required(project, stage.stage_name):
		stage.stage_status = "Completed"
		stage.completed_on = on
		following = next_stage(project)
		if following is not None:
			start_stage(project, following, on)
		elif all(s.stage_status == "Completed" for s in project.stages):
			project.status = "Completed"
	project.flags.ignore_permissions = True  # checked above: the team's or the department's action
	project.save()
	project.add_comment("Info", _("Approved: {0}").format(row.item_name))
	return row.approval_status


def complete_stage_check(project) -> None:
	"""validate: a stage marked complete has no required approval still open."""
	for stage in project.stages:
		if stage.stage_status != "Completed":
			continue
		still_open = [r.item_name for r in open_required(project, stage.stage_name)]
		if still_open:
			raise ProjectActionError(
				_("Stage {0} cannot close: {1} still open.").format(stage.stage_name, "、".join(still_open))
			)


def change_liaison(project, agent: str, reason: str) -> str:
	"""Hand the project to another liaison agent (an active agent), with the reason, recorded on the project."""
	if not may_act(project):
		raise frappe.PermissionError(_("Only the project's agency team may change its liaison agent."))
	reason = (reason or "").strip()
	if not reason:
		raise ProjectActionError(_("Give the reason for the change."))
	if project.status == "Completed":
		raise ProjectActionError(_("This project is {0}.").format(_(project.status)))
	new = frappe.db.get_value("GS Agent", agent, ["name", "agent_name", "is_active"], as_dict=True)
	if not new or not new.is_active:
		raise ProjectActionError(_("The liaison agent must be an active agent."))
	if new.name == project.liaison_agent:
		raise ProjectActionError(_("{0} is already the liaison agent.").format(new.agent_name))
	before = frappe.db.get_value("GS Agent", project.liaison_agent, "agent_name") or project.liaison_agent
	project.liaison_agent = new.name
	project.flags.ignore_permissions = True  # checked above: the team's action
	project.save()
	project.add_comment(
		"Info", _("Liaison agent changed from {0} to {1}: {2}").format(before, new.agent_name, reason[:500])
	)
	return new.name


def pause_approval(project, row_name: str, missing_materials: str) -> None:
	"""一次性告知: the department asks for what is missing, once and in full; the approval's clock stops from
	the next day until the materials arrive (resume_approval)."""
	row = approval_row(project, row_name)
	if not may_record(project, row):
		raise frappe.PermissionError(
			_("Only the project's agency team or the approving department may stop this clock.")
		)
	missing = (missing_materials or "").strip()
	if not missing:
		raise ProjectActionError(_("List every missing material, once and in full."))
	if row.approval_status != "In Progress" or row.is_paused:
		raise ProjectActionError(_("{0} is not running.").format(row.item_name))
	row.is_paused = 1
	project.append(
		"approval_pauses",
		{
			"approval_row": row.name,
			"item_name": row.item_name,
			"paused_on": getdate(),
			"missing_materials": missing[:2000],
			"paused_by": frappe.session.user,
		},
	)
	project.flags.ignore_permissions = True  # checked above: the team's or the department's action
	project.save()
	project.add_comment(
		"Info", _("Clock stopped for {0}: waiting for {1}").format(row.item_name, missing[:500])
	)


def resume_approval(project, row_name: str) -> None:
	"""The materials asked for have arrived: the approval's clock runs again, its due date pushed on by the
	working days it stood still."""
	row = approval_row(project, row_name)
	if not may_record(project, row):
		raise frappe.PermissionError(
			_("Only the project's agency team or the approving department may restart this clock.")
		)
	pause = next(
		(p for p in project.approval_pauses if p.approval_row == row.name and not p.resumed_on), None
	)
	if not row.is_paused or pause is None:
		raise ProjectActionError(_("{0} is not waiting for materials.").format(row.item_name))
	pause.resumed_on = getdate()
	row.is_paused = 0
	project.flags.ignore_permissions = True  # checked above: the team's or the department's action
	project.save()
	project.add_comment("Info", _("Materials arrived for {0}: clock running again").format(row.item_name))


def approval_row(project, row_name: str):
	row = next((r for r in project.approvals if r.name == row_name), None)
	if row is None:
		raise frappe.DoesNotExistError(_("No such approval in this project."))
	return row


def pre_review_stage(project, stage_name: str, deferred_materials: str | None = None) -> None:
	"""容缺预审: the lead unit reviews a stage's joint application before it is accepted; what may come later
	is recorded (and shown to the enterprise), the rest must be complete."""
	if not may_act(project):
		raise frappe.PermissionError(_("Only the project's agency team may pre-review a stage."))
	stage = next((s for s in project.stages if s.stage_name == stage_name), None)
	if stage is None:
		raise frappe.DoesNotExistError(_("No such stage in this project."))
	if stage.stage_status == "Completed":
		raise ProjectActionError(_("Stage {0} is complete.").format(stage.stage_name))
	stage.pre_reviewed_on = getdate()
	stage.pre_review_deferred = (deferred_materials or "").strip()[:2000] or None
	project.flags.ignore_permissions = True  # checked above: the team's action
	project.save()
	project.add_comment(
		"Info",
		_("Stage pre-reviewed: {0}; deferred: {1}").format(
			stage.stage_name, stage.pre_review_deferred or _("nothing")
		),
	)
