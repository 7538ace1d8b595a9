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

from govservice.complaints.permissions import departments_of, has_desk_account
from govservice.key_projects.commitments import holding, listed, on_granted
from govservice.key_projects.permissions import leads, may_act, may_record
from govservice.key_projects.plan import prerequisite_rows


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
	start_ready(project, stage, on)


def missing_prerequisites(project, row) -> list:
	"""The approvals `row` needs first (前置事项) that are not granted yet."""
	return [other for other in prerequisite_rows(project, row) if other.approval_status != "Approved"]


def start_ready(project, stage, on) -> list:
	"""Start what may start in an open stage: its parallel approvals, and the next serial one when none is
	running, each once every approval it needs first is granted. The rows started."""
	rows = [r for r in project.approvals if r.stage_name == stage.stage_name]
	serial_running = any(not r.is_parallel and r.approval_status == "In Progress" for r in rows)
	next_serial = next((r for r in rows if not r.is_parallel and r.approval_status == "Not Started"), None)
	started = []
	for row in rows:
		if row.approval_status != "Not Started" or missing_prerequisites(project, row):
			continue
		if row.is_parallel or (row is next_serial and not serial_running):
			row.approval_status = "In Progress"
			row.started_on = on
			started.append(row)
	return started


def accept_stage(project) -> str:
	"""Accept the next stage (the team, or the department that leads it receiving the stage's joint
	application): its parallel approvals (and the first serial one) start today."""
	lead = leads(project, next_stage(project)) if project.stages else False
	if not may_act(project) and not lead:
		frappe.throw(
			_("Only the project's agency team or the stage's lead department may accept a stage."),
			frappe.PermissionError,
		)
	if project.status in ("Completed", "Suspended"):
		frappe.throw(_("This project is {0}.").format(_(project.status)), ProjectActionError)
	if not project.stages:
		frappe.throw(_("Apply a plan template or add stages first."), ProjectActionError)
	stage = next_stage(project)
	if stage is None:
		frappe.throw(
			_("No stage can be accepted now: the previous stage is not complete."), ProjectActionError
		)
	if not any(row.stage_name == stage.stage_name for row in project.approvals):
		frappe.throw(_("Stage {0} has no approvals.").format(stage.stage_name), ProjectActionError)
	today = getdate()
	from govservice.organisation.calendar import get_work_calendar

	calendar = get_work_calendar()
	if not calendar.is_working_day(today):  # 容缺/延时 service on a rest day: said, not silent
		frappe.msgprint(
			_(
				"Today is not a working day: the limits of stage {0} count from the next working day, {1}."
			).format(
				stage.stage_name,
				frappe.format(calendar.add_working_days(today, 1), {"fieldtype": "Date"}),
			),
			title=_("Accept Stage"),
			indicator="orange",
		)
	if not project.accepted_on:
		project.accepted_on = today
	project.status = "In Approval"
	start_stage(project, stage, today)
	project.flags.ignore_permissions = True  # checked above: the team's action
	project.save()
	project.add_comment(
		"Info",
		_("Stage accepted: {0}").format(stage.stage_name)
		+ (
			" · " + _("joint application received by the lead department")
			if lead and not may_act(project)
			else ""
		),
	)
	return stage.stage_name


def urge_approval(project, row_name: str, note: str) -> None:
	"""催办: the stage's lead department (or the team) urges a co-approver's approval; the note reaches that
	department's contacts and leader in charge in the desk, and is on the project's timeline."""
	row = approval_row(project, row_name)
	stage = next((s for s in project.stages if s.stage_name == row.stage_name), None)
	if not may_act(project) and not leads(project, stage):
		frappe.throw(
			_("Only the project's agency team or the stage's lead department may urge an approval."),
			frappe.PermissionError,
		)
	note = (note or "").strip()
	if not note:
		frappe.throw(_("Write what you ask of the department."), ProjectActionError)
	if row.approval_status not in ("In Progress", "Not Started"):
		frappe.throw(_("{0} is granted already.").format(row.item_name), ProjectActionError)
	row.last_urged_on = getdate()
	project.flags.ignore_permissions = True  # checked above: the team's or the lead department's action
	project.save()
	project.add_comment("Info", _("Urged: {0}: {1}").format(row.item_name, note[:500]))
	from frappe.desk.doctype.notification_log.notification_log import make_notification_logs
	from frappe.utils import escape_html

	liaison = row.department and frappe.db.get_value(
		"GS Department Liaison", row.department, ["contact_user", "leader_user"], as_dict=True
	)
	users = sorted({user for user in (liaison or {}).values() if user and user != frappe.session.user})
	if users:
		make_notification_logs(
			frappe._dict(
				type="Alert",
				document_type="GS Key Project",
				document_name=project.name,
				subject=_("Urged: {0} of {1}: {2}").format(
					escape_html(row.item_name), escape_html(project.project_name), escape_html(note[:200])
				),
				from_user=frappe.session.user,
			),
			users,
		)


def record_approval(project, row_name: str, approval_number: str | None = None, approved_on=None) -> str:
	"""Record an approval as granted; complete its stage when every required approval is, open the next."""
	row = approval_row(project, row_name)
	if not may_record(project, row):
		frappe.throw(
			_("Only the project's agency team or the approving department may record this."),
			frappe.PermissionError,
		)
	if row.approval_status != "In Progress":
		frappe.throw(_("{0} is not in progress.").format(row.item_name), ProjectActionError)
	if row.is_paused:
		frappe.throw(
			_("{0} is waiting for materials: restart its clock when they arrive.").format(row.item_name),
			ProjectActionError,
		)
	missing = missing_prerequisites(project, row)
	if missing:
		frappe.throw(
			_("{0} needs {1} first: record that approval before this one.").format(
				row.item_name, "、".join(r.item_name for r in missing)
			),
			ProjectActionError,
		)
	on = getdate(approved_on) if approved_on else getdate()
	if on > getdate() or on < getdate(row.started_on):
		frappe.throw(_("The approval date must lie between its start and today."), ProjectActionError)
	needed = [getdate(r.approved_on) for r in prerequisite_rows(project, row) if r.approved_on]
	if needed and on < max(needed):
		frappe.throw(
			_("{0} cannot be granted before the approvals it needs ({1}).").format(
				row.item_name, frappe.format(max(needed), {"fieldtype": "Date"})
			),
			ProjectActionError,
		)
	held = holding(project, "Licence Issue", [row])
	if held:
		frappe.throw(
			_("{0} is not granted until these deferred materials (容缺) arrive: {1}.").format(
				row.item_name, listed(held)
			),
			ProjectActionError,
		)
	row.approval_status = "Approved"
	row.approved_on = on
	row.approval_number = (approval_number or "").strip()[:140] or None
	# a department without a desk account: the team records its decision, marked so
	row.recorded_for_department = int(
		not has_desk_account(row.department) and row.department not in departments_of(frappe.session.user)
	)
	on_granted(row, on)  # 告知承诺制: its verification falls due
	stage = next(s for s in project.stages if s.stage_name == row.stage_name)
	started = []
	for open_stage in project.stages:  # what waited for this approval (the next serial one, 前置事项)
		if open_stage.stage_status == "Open":
			started += start_ready(project, open_stage, on)
	completes = complete_if_done(project, stage, on)
	project.flags.ignore_permissions = True  # checked above: the team's or the department's action
	project.save()
	project.add_comment(
		"Info",
		_("Approved: {0}").format(row.item_name)
		+ (
			" · " + _("recorded by the agency team for a department without a desk account")
			if row.recorded_for_department
			else ""
		),
	)
	waiting = holding(project, "Stage Completion", stage_approvals(project, stage))
	if not completes and not open_required(project, stage.stage_name) and waiting:
		project.add_comment(
			"Info",
			_("Stage {0} waits for deferred materials (容缺): {1}").format(stage.stage_name, listed(waiting)),
		)
	if started:
		project.add_comment(
			"Info",
			_("Started, as what they need is granted: {0}").format("、".join(r.item_name for r in started)),
		)
	return row.approval_status


def stage_approvals(project, stage) -> list:
	return [r for r in project.approvals if r.stage_name == stage.stage_name]


def complete_if_done(project, stage, on) -> bool:
	"""Complete an open stage when every required approval is granted and no deferred material (容缺) holds
	it, and open the next stage (or complete the project). Whether it completed."""
	if open_required(project, stage.stage_name):
		return False
	if holding(project, "Stage Completion", stage_approvals(project, stage)):
		return False
	stage.stage_status = "Completed"
	stage.completed_on = on
	following = next_stage(project)
	if following is not None:
		start_stage(project, following, on)
	elif all(s.stage_status == "Completed" for s in project.stages):
		project.status = "Completed"
	return True


def complete_stage_check(project) -> None:
	"""validate: a stage marked complete has no required approval still open, nor a deferred material (容缺)
	it waits for."""
	for stage in project.stages:
		if stage.stage_status != "Completed":
			continue
		held = holding(project, "Stage Completion", stage_approvals(project, stage))
		if held:
			frappe.throw(
				_("Stage {0} cannot close: it waits for deferred materials (容缺): {1}.").format(
					stage.stage_name, listed(held)
				),
				ProjectActionError,
			)
		still_open = [r.item_name for r in open_required(project, stage.stage_name)]
		if still_open:
			frappe.throw(
				_("Stage {0} cannot close: {1} still open.").format(stage.stage_name, "、".join(still_open)),
				ProjectActionError,
			)


def change_liaison(project, agent: str, reason: str) -> str:
	"""Hand the project to another liaison agent (an active agent), with the reason, recorded on the project."""
	if not may_act(project):
		frappe.throw(
			_("Only the project's agency team may change its liaison agent."), frappe.PermissionError
		)
	reason = (reason or "").strip()
	if not reason:
		frappe.throw(_("Give the reason for the change."), ProjectActionError)
	if project.status == "Completed":
		frappe.throw(_("This project is {0}.").format(_(project.status)), ProjectActionError)
	new = frappe.db.get_value("GS Agent", agent, ["name", "agent_name", "is_active"], as_dict=True)
	if not new or not new.is_active:
		frappe.throw(_("The liaison agent must be an active agent."), ProjectActionError)
	if new.name == project.liaison_agent:
		frappe.throw(_("{0} is already the liaison agent.").format(new.agent_name), ProjectActionError)
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
		frappe.throw(
			_("Only the project's agency team or the approving department may stop this clock."),
			frappe.PermissionError,
		)
	missing = (missing_materials or "").strip()
	if not missing:
		frappe.throw(_("List every missing material, once and in full."), ProjectActionError)
	if row.approval_status != "In Progress" or row.is_paused:
		frappe.throw(_("{0} is not running.").format(row.item_name), ProjectActionError)
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
	from govservice.key_projects.notices import tell_enterprise

	tell_enterprise(project, project.approval_pauses[-1])  # by text; the written notice is on the portal


def resume_approval(project, row_name: str) -> None:
	"""The materials asked for have arrived: the approval's clock runs again, its due date pushed on by the
	working days it stood still."""
	row = approval_row(project, row_name)
	if not may_record(project, row):
		frappe.throw(
			_("Only the project's agency team or the approving department may restart this clock."),
			frappe.PermissionError,
		)
	pause = next(
		(p for p in project.approval_pauses if p.approval_row == row.name and not p.resumed_on), None
	)
	if not row.is_paused or pause is None:
		frappe.throw(_("{0} is not waiting for materials.").format(row.item_name), ProjectActionError)
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
		frappe.throw(_("Only the project's agency team may pre-review a stage."), frappe.PermissionError)
	stage = next((s for s in project.stages if s.stage_name == stage_name), None)
	if stage is None:
		raise frappe.DoesNotExistError(_("No such stage in this project."))
	if stage.stage_status == "Completed":
		frappe.throw(_("Stage {0} is complete.").format(stage.stage_name), ProjectActionError)
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
