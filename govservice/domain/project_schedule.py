"""The timetable of a key project's approval plan (重点项目 并联审批): stages in order, approvals in parallel.

A plan is a sequence of stages (立项用地规划许可, 工程建设许可, 施工许可, 竣工验收 …). Each stage has a limit in
working days counted from the day it opens, and approvals, each with its own limit. Approvals marked
*parallel* are all applied for on the day the stage opens (并联审批); the others follow one another in plan
order after it (串联). An approval may need others first (前置事项: 建设用地规划许可 needs 用地预审与选址意见书),
listed before it in the plan: it starts no earlier than the last of them finishes. A stage finishes when its last required approval does; the next stage opens then, or,
where the plan lets it overlap, a number of working days after the previous stage opened.

What has happened is taken into account: an approval already started counts from its real start, one
finished ends on its real date, and clock stops (一次性告知 waiting for materials) push its due date on.

`schedule()` gives every stage's and approval's dates, the project's finish, the critical path (the approvals
whose delay delays the project), each approval's slack in working days, and the comparison the county
reports: the working days the plan takes against the sum of the same approvals' limits done one after
another ("审批时间再压减一半").

Working days follow `workdays.WorkCalendar`: "N个工作日" counts from the day after the start.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from govservice.domain.workdays import WorkCalendar

Pause = tuple[datetime.date, datetime.date]


@dataclass(frozen=True)
class Approval:
	"""One catalogue item approved within a stage."""

	key: str
	limit_days: int
	parallel: bool = True
	required: bool = True
	started_on: datetime.date | None = None
	finished_on: datetime.date | None = None
	paused: tuple[Pause, ...] = ()
	after: tuple[str, ...] = ()  # 前置事项: the approvals it needs first (earlier in the plan)


@dataclass(frozen=True)
class Stage:
	"""A stage of the plan; `overlap_after_days` opens it that many working days after the previous stage
	opened (when that comes before the previous stage finishes)."""

	key: str
	limit_days: int
	approvals: tuple[Approval, ...]
	overlap_after_days: int | None = None
	opened_on: datetime.date | None = None


@dataclass
class ApprovalDates:
	key: str
	stage: str
	start: datetime.date
	due: datetime.date
	finish: datetime.date
	required: bool
	slack_days: int | None = None
	critical: bool = False


@dataclass
class StageDates:
	key: str
	opens: datetime.date
	due: datetime.date
	finish: datetime.date
	over_limit: bool
	approvals: list[ApprovalDates] = field(default_factory=list)
	# it opens on the previous stage's finish, and would open later if that finished later
	waits_for_previous: bool = False


@dataclass
class Schedule:
	start: datetime.date
	stages: list[StageDates]
	finish: datetime.date
	working_days: int
	serial_working_days: int
	critical_path: list[str]

	@property
	def saved_share(self) -> float:
		"""The share of the one-after-another time the plan saves (0.5 = halved)."""
		if not self.serial_working_days:
			return 0.0
		return 1 - self.working_days / self.serial_working_days


class PlanError(ValueError):
	"""The plan cannot be scheduled as given (a negative limit, a duplicate key, a finish before a start, an
	approval needing one that is not before it in the plan)."""


def _check(stages: Sequence[Stage]) -> None:
	seen: set[str] = set()
	for stage in stages:
		if stage.limit_days < 0:
			raise PlanError(f"stage {stage.key} has a negative limit")
		if stage.overlap_after_days is not None and stage.overlap_after_days < 0:
			raise PlanError(f"stage {stage.key} overlaps by a negative number of days")
		for approval in stage.approvals:
			if approval.limit_days < 0:
				raise PlanError(f"approval {approval.key} has a negative limit")
			if approval.key in seen:
				raise PlanError(f"approval {approval.key} appears twice in the plan")
			for needed in approval.after:
				if needed not in seen:  # itself, a later one or none: a cycle or a wait for nothing
					raise PlanError(
						f"approval {approval.key} needs {needed}, which is not before it in the plan"
					)
			seen.add(approval.key)
			if approval.started_on and approval.finished_on and approval.finished_on < approval.started_on:
				raise PlanError(f"approval {approval.key} finishes before it starts")


def _approval_dates(
	calendar: WorkCalendar, stage: Stage, opens: datetime.date, finishes: dict[str, datetime.date]
) -> list[ApprovalDates]:
	"""The stage's approvals' dates; `finishes` holds every earlier approval's finish and takes these."""
	dates: list[ApprovalDates] = []
	serial_from = opens  # the serial approvals follow one another after the stage opens
	for approval in stage.approvals:
		planned_start = max(
			[opens if approval.parallel else serial_from, *(finishes[key] for key in approval.after)]
		)
		start = approval.started_on or planned_start
		due = calendar.add_working_days(start, approval.limit_days, approval.paused)
		finish = approval.finished_on or due
		dates.append(ApprovalDates(approval.key, stage.key, start, due, finish, approval.required))
		finishes[approval.key] = finish
		if not approval.parallel:
			serial_from = finish
	return dates


def _waiting(stages: Sequence[Stage], dates: dict[str, ApprovalDates]) -> dict[str, list[str]]:
	"""{approval: the approvals whose planned start waits for it}: the next serial approval of its stage and
	every approval that needs it (前置事项), unless that one has started already (its start is a fact)."""
	waiting: dict[str, list[str]] = {}
	for stage in stages:
		chain = [a for a in stage.approvals if not a.parallel]
		before = {b.key: a.key for a, b in itertools.pairwise(chain)}
		for approval in stage.approvals:
			if approval.started_on:
				continue
			for key in {*approval.after, *([before[approval.key]] if approval.key in before else [])}:
				waiting.setdefault(key, []).append(approval.key)
	return waiting


def _slack(
	calendar: WorkCalendar,
	stages: Sequence[Stage],
	result: list[StageDates],
	waiting: dict[str, list[str]],
) -> None:
	"""Working days each approval can slip without moving its stage's finish nor that of an approval waiting
	for it (beyond that one's own slack): a required one at most its gap to its stage's finish; an optional
	one only what the approvals waiting for it allow (None when nothing waits for it). Walked backwards
	through the plan, so that what waits is known first."""
	dates = {a.key: a for s in result for a in s.approvals}
	stage_finish = {s.key: s.finish for s in result}
	for stage in reversed(stages):
		for plan in reversed(stage.approvals):
			approval = dates[plan.key]
			limits = []
			if approval.required:
				limits.append(calendar.count_working_days(approval.finish, stage_finish[stage.key]))
			for key in waiting.get(plan.key, ()):
				follower = dates[key]
				if follower.slack_days is not None:
					gap = calendar.count_working_days(approval.finish, follower.start)
					limits.append(gap + follower.slack_days)
			approval.slack_days = min(limits) if limits else None


def schedule(calendar: WorkCalendar, start: datetime.date, stages: Iterable[Stage]) -> Schedule:
	"""The plan's timetable from `start` (the day the first stage is accepted, which does not count)."""
	stages = list(stages)
	_check(stages)
	result: list[StageDates] = []
	previous: StageDates | None = None
	finishes: dict[str, datetime.date] = {}
	for stage in stages:
		waits = False
		if stage.opened_on:
			opens = stage.opened_on
		elif previous is None:
			opens = start
		else:
			opens, waits = previous.finish, True
			if stage.overlap_after_days is not None:
				overlap = calendar.add_working_days(previous.opens, stage.overlap_after_days)
				opens, waits = min(opens, overlap), overlap > previous.finish
		approvals = _approval_dates(calendar, stage, opens, finishes)
		required = [a.finish for a in approvals if a.required]
		finish = max(required) if required else opens
		due = calendar.add_working_days(opens, stage.limit_days)
		current = StageDates(stage.key, opens, due, finish, finish > due, approvals, waits)
		result.append(current)
		previous = current
	waiting = _waiting(stages, {a.key: a for s in result for a in s.approvals})
	_slack(calendar, stages, result, waiting)
	finish = max((s.finish for s in result), default=start)
	critical = _critical_path(stages, result, finish, waiting)
	serial = sum(a.limit_days for s in stages for a in s.approvals)
	return Schedule(
		start=start,
		stages=result,
		finish=finish,
		working_days=calendar.count_working_days(start, finish),
		serial_working_days=serial,
		critical_path=critical,
	)


def _critical_path(
	plan: list[Stage], stages: list[StageDates], finish: datetime.date, waiting: dict[str, list[str]]
) -> list[str]:
	"""The approvals whose delay delays the project, in plan order: the required approvals that end a stage
	finishing with the project, and, walking back, whatever a critical approval (not yet started: a start
	that happened is a fact) waits for — the serial approval or 前置事项 that finishes the day it starts, and,
	when it starts as its stage opens on the previous stage's finish, the approvals that end that stage."""
	dates = {a.key: a for s in stages for a in s.approvals}
	stage_of = {a.key: s for s in stages for a in s.approvals}
	previous = {later.key: earlier for earlier, later in itertools.pairwise(stages)}
	started = {a.key for s in plan for a in s.approvals if a.started_on}
	waits_on: dict[str, list[str]] = {}
	for before, followers in waiting.items():
		for follower in followers:
			waits_on.setdefault(follower, []).append(before)

	def ending(stage: StageDates) -> list[str]:
		"""What ends `stage`: its required approvals finishing with it, or, for a stage without required
		approvals (it ends as it opens), what ends the stage it waited for."""
		keys = [a.key for a in stage.approvals if a.required and a.finish == stage.finish]
		if keys or not stage.waits_for_previous or stage.key not in previous:
			return keys
		return ending(previous[stage.key])

	critical: set[str] = set()
	todo = [key for stage in stages if stage.finish == finish for key in ending(stage)]
	while todo:
		key = todo.pop()
		if key in critical:
			continue
		critical.add(key)
		approval, stage = dates[key], stage_of[key]
		if key in started:
			continue
		todo += [before for before in waits_on.get(key, ()) if dates[before].finish == approval.start]
		if stage.waits_for_previous and approval.start == stage.opens and stage.key in previous:
			todo += ending(previous[stage.key])
	for key in critical:
		dates[key].critical = True
	return [key for key in dates if key in critical]
