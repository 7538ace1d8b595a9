"""A key project's approval plan: copied from a template, tailored, and timed on the working-day calendar.

The timetable itself is `govservice.domain.project_schedule`; this module turns the project's tables into
its input and writes its dates back (stage and approval due dates, planned finish, slack, critical path).
"""

from __future__ import annotations

import datetime

import frappe
from frappe import _
from frappe.utils import getdate

from govservice.domain.case_rules import pause_interval
from govservice.domain.project_rules import (
	name_key,
	prerequisites_problem,
	split_names,
	stage_names_problem,
)
from govservice.domain.project_schedule import Approval, PlanError, Stage, schedule
from govservice.domain.workdays import CalendarRangeError
from govservice.key_projects.commitments import planned_limit
from govservice.organisation.calendar import get_work_calendar

PLAN_FIELDS = (
	"stage_name",
	"item_name",
	"department",
	"limit_days",
	"is_parallel",
	"is_required",
	"prerequisites",
	"decision",
)
STAGE_FIELDS = ("stage_name", "lead_department", "limit_days", "overlap_after_days")


def copy_template(project, template_name: str) -> None:
	"""The template's stages and approvals into a project not yet accepted."""
	template = frappe.get_doc("GS Project Plan Template", template_name)
	project.plan_template = template.name
	project.set("stages", [])
	project.set("approvals", [])
	for stage in template.stages:
		project.append("stages", {field: stage.get(field) for field in STAGE_FIELDS})
	for item in template.approvals:
		project.append(
			"approvals",
			{
				"stage_name": item.stage_name,
				"service_item": item.service_item,
				"item_name": item.item_name,
				"department": item.department,
				"limit_days": item.limit_days,
				"is_parallel": item.is_parallel,
				"is_required": item.is_required,
				"prerequisites": item.prerequisites,
				"decision": "Standard",
			},
		)


def check_plan(doc) -> None:
	"""A plan (a project's or a template's): stages named once, every approval in one of them, no negative
	limit."""
	problem = stage_names_problem([s.stage_name for s in doc.stages], [a.stage_name for a in doc.approvals])
	if problem:
		frappe.throw(_("The approval plan is inconsistent: {0}").format(problem))
	for row in [*doc.stages, *doc.approvals]:
		if (row.limit_days or 0) < 0:
			frappe.throw(_("A limit cannot be negative."))
	problem = prerequisites_problem(
		[(row.item_name or "", split_names(row.prerequisites)) for row in in_plan_order(doc)]
	)
	if problem:
		kind, name, needed = problem
		frappe.throw(
			_("{0} cannot need itself.").format(name)
			if kind == "self"
			else _("{0} needs {1} first, but {1} is not an approval before it in the plan.").format(
				name, needed
			)
			+ " "
			+ _("List it in an earlier stage, or above it in the same stage."),
			title=_("Prerequisite Approvals"),
		)
	# stored as the approvals' own names, one per line, whatever form they were typed in
	names: dict[str, str] = {}
	for row in in_plan_order(doc):
		needs = [names[name_key(name)] for name in split_names(row.prerequisites)]
		row.prerequisites = "\n".join(needs) or None
		names.setdefault(name_key(row.item_name), row.item_name)


def in_plan_order(doc) -> list:
	"""The plan's approvals as they are timed: stage by stage, each stage's rows in order."""
	by_stage: dict[str, list] = {}
	for row in doc.approvals:
		by_stage.setdefault(row.stage_name, []).append(row)
	return [row for stage in doc.stages for row in by_stage.get(stage.stage_name, [])]


def prerequisite_rows(project, row) -> list:
	"""The approvals `row` needs first (前置事项), as rows of the project's plan."""
	needed = {name_key(name) for name in split_names(row.get("prerequisites"))}
	return [other for other in project.approvals if name_key(other.item_name) in needed and other is not row]


def _date(value) -> datetime.date | None:
	return getdate(value) if value else None


def clock_stops(project) -> dict[str, tuple]:
	"""{approval row name: its closed clock stops, as the calendar counts them}; an open stop ends today
	(the approval is waiting: its due date moves on day by day until the materials arrive)."""
	stops: dict[str, list] = {}
	for pause in project.get("approval_pauses") or []:
		interval = pause_interval(getdate(pause.paused_on), getdate(pause.resumed_on or getdate()))
		if interval:
			stops.setdefault(pause.approval_row, []).append(interval)
	return {name: tuple(intervals) for name, intervals in stops.items()}


def plan_stages(project) -> list[Stage]:
	stops = clock_stops(project)
	keys: dict[str, list[str]] = {}  # the approvals before each row in plan order, by name
	after: dict[str, tuple[str, ...]] = {}
	for row in in_plan_order(project):
		after[str(row.idx)] = tuple(
			key for name in split_names(row.prerequisites) for key in keys.get(name_key(name), ())
		)
		keys.setdefault(name_key(row.item_name), []).append(str(row.idx))
	by_stage: dict[str, list] = {}
	for row in project.approvals:
		by_stage.setdefault(row.stage_name, []).append(row)
	stages = []
	for stage in project.stages:
		approvals = tuple(
			Approval(
				key=str(row.idx),  # new rows have no name before they are saved
				limit_days=planned_limit(row),  # under commitment its own shorter limit
				parallel=bool(row.is_parallel),
				required=bool(row.is_required),
				started_on=_date(row.started_on),
				finished_on=_date(row.approved_on),
				paused=stops.get(row.name, ()),
				after=after.get(str(row.idx), ()),
			)
			for row in by_stage.get(stage.stage_name, [])
		)
		stages.append(
			Stage(
				key=stage.stage_name,
				limit_days=stage.limit_days or 0,
				approvals=approvals,
				overlap_after_days=stage.overlap_after_days if stage.overlap_after_days else None,
				opened_on=_date(stage.opened_on),
			)
		)
	return stages


def refresh_schedule(project) -> None:
	"""The plan's dates from the acceptance day (or, before acceptance, as if accepted today)."""
	if not project.stages:
		project.planned_finish = None
		project.planned_working_days = 0
		project.serial_working_days = 0
		return
	start = _date(project.accepted_on) or getdate()
	try:
		timetable = schedule(get_work_calendar(), start, plan_stages(project))
	except PlanError as error:
		frappe.throw(_("The approval plan cannot be timed: {0}").format(str(error)))
	except CalendarRangeError:
		frappe.throw(
			_("The plan runs past the working-day calendar: generate the next year in GS Calendar Year.")
		)
	stage_dates = {s.key: s for s in timetable.stages}
	approval_dates = {a.key: a for s in timetable.stages for a in s.approvals}
	for stage in project.stages:
		dates = stage_dates[stage.stage_name]
		stage.due_date = dates.due if stage.opened_on else None
		stage.planned_start = dates.opens
		stage.planned_finish = dates.finish
		stage.over_limit = int(dates.over_limit)
	for row in project.approvals:
		dates = approval_dates.get(str(row.idx))
		if dates is None:
			continue
		row.due_date = dates.due if row.started_on else None
		row.planned_start, row.planned_finish = dates.start, dates.finish
		row.slack_days = dates.slack_days or 0
		row.is_critical = int(dates.critical)
	project.planned_finish = timetable.finish
	project.planned_working_days = timetable.working_days
	project.serial_working_days = timetable.serial_working_days


def _terms(row, fields: tuple) -> tuple:
	return tuple(str(row.get(field) or "") for field in fields)


def describe_change(before, project) -> str | None:
	"""What changed in the plan of an accepted project, in words, or None."""
	old_rows = {row.name: row for row in before.approvals}
	current = {row.name for row in project.approvals}
	lines = [_("Dropped: {0}").format(row.item_name) for name, row in old_rows.items() if name not in current]
	for row in project.approvals:
		if row.name not in old_rows:
			lines.append(_("Added: {0}").format(row.item_name))
		elif _terms(row, PLAN_FIELDS) != _terms(old_rows[row.name], PLAN_FIELDS):
			lines.append(_("Changed: {0}").format(row.item_name))
	if [_terms(s, STAGE_FIELDS) for s in before.stages] != [_terms(s, STAGE_FIELDS) for s in project.stages]:
		lines.append(_("Stages changed"))
	return "\n".join(lines) or None
