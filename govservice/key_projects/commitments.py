"""告知承诺制 and 容缺 with their follow-up (seed 001 §三(三)5, 国办发〔2019〕11号).

- An approval under *Commitment* (告知承诺制) is decided within its own, shorter limit (often the day it is
  applied for); once granted, the department verifies within a number of working days that the enterprise
  met what it committed to (事中事后核查), and records the outcome — reminded before and after the day.
- An approval with *Deferred Materials* (容缺) goes ahead without some materials: each is a row with the date
  the enterprise promised it by, reminded from the day before, and it holds its stage's completion (or the
  approval's licence) until it is recorded as received.

Each action checks who may take it (govservice.key_projects.permissions) and saves as an action; each leaves a
comment on the project.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate

from govservice.domain.project_rules import name_key
from govservice.key_projects.permissions import may_act, may_record

OUTCOMES = ("Commitment Met", "Commitment Not Met")
DEFAULT_VERIFICATION_DAYS = 20


class CommitmentError(frappe.ValidationError):
	pass


def check_deferred(project) -> None:
	"""validate: each deferred material belongs to an approval of the plan handled with 容缺 (named as the
	plan names it), has a name and a promised date; its department is the approval's."""
	approvals = {name_key(row.item_name): row for row in project.approvals}
	for row in project.get("deferred_items") or []:
		approval = approvals.get(name_key(row.item_name))
		if approval is None or approval.decision != "Deferred Materials":
			frappe.throw(
				_("{0} is not an approval of this plan handled with deferred materials (容缺).").format(
					row.item_name
				),
				CommitmentError,
				title=_("Deferred Materials (容缺)"),
			)
		row.item_name = approval.item_name
		row.department = approval.department
		row.material_name = " ".join((row.material_name or "").split())[:140]
		if not row.material_name or not row.promised_date:
			frappe.throw(
				_("Each deferred material needs its name and the date it is promised by."),
				CommitmentError,
				title=_("Deferred Materials (容缺)"),
			)
	for row in project.approvals:
		if row.decision == "Commitment":
			row.commitment_limit_days = max(row.commitment_limit_days or 0, 0)
			if (row.commitment_limit_days or 0) > (row.limit_days or 0):
				frappe.throw(
					_("{0}: the limit under commitment cannot be longer than the approval's limit.").format(
						row.item_name
					),
					CommitmentError,
				)
			if not row.verification_days or row.verification_days < 1:
				row.verification_days = DEFAULT_VERIFICATION_DAYS


def planned_limit(row) -> int:
	"""The working days an approval is planned to take: under commitment its own shorter limit."""
	if row.get("decision") == "Commitment":
		return row.get("commitment_limit_days") or 0
	return row.get("limit_days") or 0


def holding(project, blocks: str, approvals: list) -> list:
	"""The deferred materials not yet received that hold `blocks` ("Stage Completion" or "Licence Issue")
	for any of `approvals`."""
	names = {name_key(row.item_name) for row in approvals}
	return [
		row
		for row in project.get("deferred_items") or []
		if not row.received_on and row.blocks == blocks and name_key(row.item_name) in names
	]


def listed(rows) -> str:
	return "、".join(f"{row.item_name}·{row.material_name}" for row in rows)


def on_granted(row, on) -> None:
	"""An approval under commitment is granted: its verification is due so many working days on."""
	if row.decision != "Commitment":
		return
	from govservice.organisation.calendar import get_work_calendar

	row.verification_due = get_work_calendar().add_working_days(
		getdate(on), row.verification_days or DEFAULT_VERIFICATION_DAYS
	)


def record_verification(project, row_name: str, outcome: str, note: str | None = None) -> None:
	"""事中事后核查: the department (or the team) records whether the enterprise met its commitment."""
	from govservice.key_projects.actions import approval_row

	row = approval_row(project, row_name)
	if not may_record(project, row):
		frappe.throw(
			_("Only the project's agency team or the approving department may verify this commitment."),
			frappe.PermissionError,
		)
	if row.decision != "Commitment" or row.approval_status != "Approved":
		frappe.throw(
			_("{0} is not an approval granted under commitment.").format(row.item_name), CommitmentError
		)
	if row.verification_outcome:
		frappe.throw(_("{0} was verified on {1}.").format(row.item_name, row.verified_on), CommitmentError)
	if outcome not in OUTCOMES:
		frappe.throw(_("Choose whether the commitment was met."), CommitmentError)
	note = (note or "").strip()[:2000]
	if outcome == "Commitment Not Met" and not note:
		frappe.throw(_("Write what was not met and what follows."), CommitmentError)
	row.verification_outcome = outcome
	row.verified_on = getdate()
	row.verification_note = note or None
	project.flags.ignore_permissions = True  # checked above: the team's or the department's action
	project.save()
	project.add_comment(
		"Info",
		_("Commitment verified for {0}: {1}").format(row.item_name, _(outcome))
		+ (f" · {note}" if note else ""),
	)


def receive_deferred(project, row_name: str) -> None:
	"""A deferred material has arrived: recorded, and the stage it held completes if nothing else holds it."""
	from govservice.key_projects.actions import complete_if_done

	row = next((r for r in project.get("deferred_items") or [] if r.name == row_name), None)
	if row is None:
		raise frappe.DoesNotExistError(_("No such deferred material in this project."))
	approval = next((a for a in project.approvals if name_key(a.item_name) == name_key(row.item_name)), None)
	if not (may_act(project) or (approval is not None and may_record(project, approval))):
		frappe.throw(
			_("Only the project's agency team or the approving department may record this."),
			frappe.PermissionError,
		)
	if row.received_on:
		frappe.throw(
			_("{0} was received on {1}.").format(row.material_name, row.received_on), CommitmentError
		)
	row.received_on = getdate()
	row.received_by = frappe.session.user
	completed = []
	if approval is not None:
		stage = next((s for s in project.stages if s.stage_name == approval.stage_name), None)
		if stage is not None and stage.stage_status == "Open" and complete_if_done(project, stage, getdate()):
			completed.append(stage.stage_name)
	project.flags.ignore_permissions = True  # checked above: the team's or the department's action
	project.save()
	project.add_comment(
		"Info",
		_("Deferred material received: {0}").format(listed([row]))
		+ ("; " + _("stage completed: {0}").format("、".join(completed)) if completed else ""),
	)
