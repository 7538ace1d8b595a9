"""Tests for the key-project approval timetable (no Frappe needed): parallel stages on China's calendar."""

from __future__ import annotations

import dataclasses
import unittest
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from govservice.domain.china_calendar import china_non_working_days
from govservice.domain.project_schedule import Approval, PlanError, Stage, schedule
from govservice.domain.workdays import WorkCalendar

CALENDAR = WorkCalendar(china_non_working_days([2026, 2027, 2028]), date(2026, 1, 1), date(2028, 12, 31))
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None)

approvals = st.lists(
	st.tuples(st.integers(min_value=0, max_value=20), st.booleans(), st.booleans()), min_size=0, max_size=6
)
plans = st.lists(
	st.tuples(
		st.integers(min_value=1, max_value=40),
		approvals,
		st.one_of(st.none(), st.integers(min_value=0, max_value=15)),
	),
	min_size=1,
	max_size=4,
)
# a stage is accepted on a working day
starts = st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31)).filter(CALENDAR.is_working_day)


def build(plan, overlap: bool = True) -> list[Stage]:
	stages = []
	for s, (limit, items, overlap_after) in enumerate(plan):
		stages.append(
			Stage(
				key=f"S{s}",
				limit_days=limit,
				approvals=tuple(
					Approval(f"S{s}A{a}", days, parallel=parallel, required=required)
					for a, (days, parallel, required) in enumerate(items)
				),
				overlap_after_days=overlap_after if overlap and s else None,
			)
		)
	return stages


def with_limit(stages: list[Stage], key: str, extra: int) -> list[Stage]:
	return [
		dataclasses.replace(
			stage,
			approvals=tuple(
				dataclasses.replace(a, limit_days=a.limit_days + extra) if a.key == key else a
				for a in stage.approvals
			),
		)
		for stage in stages
	]


def with_dependencies(stages: list[Stage], data) -> list[Stage]:
	"""The plan with 前置事项 drawn for each approval among those before it in the plan."""
	before: list[str] = []
	result = []
	for stage in stages:
		items = []
		for approval in stage.approvals:
			after = data.draw(st.lists(st.sampled_from(before), max_size=3, unique=True)) if before else []
			items.append(dataclasses.replace(approval, after=tuple(after)))
			before.append(approval.key)
		result.append(dataclasses.replace(stage, approvals=tuple(items)))
	return result


class TestSchedule(unittest.TestCase):
	def test_a_school_building(self):
		"""Four stages, each with a lead approval and parallel ones; the statutory limits summed one after
		another against the plan's time."""
		stages = [
			Stage(
				"立项用地规划许可",
				20,
				(Approval("可研批复", 10), Approval("用地预审", 15), Approval("规划许可", 8, parallel=False)),
			),
			Stage("工程建设许可", 15, (Approval("工程规划许可", 10), Approval("人防审查", 5))),
			Stage("施工许可", 10, (Approval("施工许可证", 7), Approval("质量安全监督", 3))),
			Stage("竣工验收", 12, (Approval("联合验收", 10), Approval("档案验收", 5, required=False))),
		]
		plan = schedule(CALENDAR, date(2026, 3, 2), stages)
		# stage 1: 可研批复 and 用地预审 in parallel from 3 March, then 规划许可 after the opening chain:
		# 规划许可 is the only serial approval, so it starts when the stage opens, ends 8 working days on
		first = plan.stages[0]
		self.assertEqual(first.opens, date(2026, 3, 2))
		self.assertEqual(first.finish, date(2026, 3, 23))  # 用地预审: 15 working days after 2 March
		self.assertFalse(first.over_limit)
		self.assertEqual(plan.stages[1].opens, first.finish)
		self.assertEqual(plan.serial_working_days, 10 + 15 + 8 + 10 + 5 + 7 + 3 + 10 + 5)
		self.assertEqual(plan.working_days, 15 + 10 + 7 + 10)
		self.assertAlmostEqual(plan.saved_share, 1 - 42 / 73)
		self.assertEqual(plan.critical_path, ["用地预审", "工程规划许可", "施工许可证", "联合验收"])
		self.assertIsNone(plan.stages[3].approvals[1].slack_days)  # optional, and nothing waits for it

	def test_serial_approvals_wait_for_each_other(self):
		stages = [
			Stage(
				"S",
				30,
				(Approval("a", 5, parallel=False), Approval("b", 5, parallel=False), Approval("c", 3)),
			)
		]
		plan = schedule(CALENDAR, date(2026, 6, 1), stages)
		a, b, c = plan.stages[0].approvals
		self.assertEqual(b.start, a.finish)
		self.assertEqual(plan.working_days, 10)
		self.assertEqual([a.slack_days, b.slack_days], [0, 0])
		self.assertEqual(c.slack_days, 7)
		self.assertEqual(plan.critical_path, ["a", "b"])

	def test_what_happened_counts(self):
		"""A real start, a real finish and a clock stop (一次性告知) move the dates."""
		stages = [
			Stage(
				"S",
				20,
				(
					Approval("early", 10, finished_on=date(2026, 6, 5)),
					Approval("waiting", 5, paused=((date(2026, 6, 3), date(2026, 6, 9)),)),
				),
			)
		]
		plan = schedule(CALENDAR, date(2026, 6, 1), stages)
		early, waiting = plan.stages[0].approvals
		self.assertEqual(early.finish, date(2026, 6, 5))
		# 5 working days from 1 June: 2 June counts, 3-9 June stopped, then 10, 11, 12 and 15 June
		self.assertEqual(waiting.due, date(2026, 6, 15))
		self.assertEqual(plan.finish, date(2026, 6, 15))

	def test_an_approval_waits_for_what_it_needs(self):
		"""前置事项: 建设用地规划许可 needs 用地预审与选址意见书; 施工许可 (stage 2, opened early by the overlap)
		needs 建设用地规划许可 too. Each starts when what it needs finishes; the path runs through them."""
		stages = [
			Stage(
				"立项用地规划许可",
				30,
				(
					Approval("用地预审与选址意见书", 15),
					Approval("建设用地规划许可", 7, after=("用地预审与选址意见书",)),
					Approval("可研批复", 10),
				),
			),
			Stage(
				"施工许可",
				20,
				(Approval("施工许可", 5, after=("建设用地规划许可",)), Approval("图审", 3)),
				overlap_after_days=5,
			),
		]
		plan = schedule(CALENDAR, date(2026, 6, 1), stages)
		pre, land, study = plan.stages[0].approvals
		build, drawings = plan.stages[1].approvals
		self.assertEqual(land.start, pre.finish)
		self.assertEqual(land.finish, CALENDAR.add_working_days(pre.finish, 7))
		self.assertEqual(plan.stages[0].finish, land.finish)
		self.assertEqual(plan.stages[1].opens, CALENDAR.add_working_days(date(2026, 6, 1), 5))
		self.assertEqual(drawings.start, plan.stages[1].opens)
		self.assertEqual(build.start, land.finish)  # waits past its stage's opening
		self.assertEqual(plan.finish, build.finish)
		self.assertEqual(plan.critical_path, ["用地预审与选址意见书", "建设用地规划许可", "施工许可"])
		self.assertEqual((pre.slack_days, land.slack_days, build.slack_days), (0, 0, 0))
		self.assertEqual(study.slack_days, 12)  # 10 of 22 working days
		# once it has started, an approval no longer waits: what it needed has no hold on it
		started = schedule(
			CALENDAR,
			date(2026, 6, 1),
			[
				stages[0],
				dataclasses.replace(
					stages[1],
					approvals=(
						dataclasses.replace(stages[1].approvals[0], started_on=date(2026, 6, 10)),
						stages[1].approvals[1],
					),
				),
			],
		)
		self.assertEqual(started.stages[1].approvals[0].start, date(2026, 6, 10))

	def test_over_the_stage_limit_is_flagged(self):
		plan = schedule(CALENDAR, date(2026, 6, 1), [Stage("S", 5, (Approval("slow", 8),))])
		self.assertTrue(plan.stages[0].over_limit)

	def test_bad_plans_are_refused(self):
		with self.assertRaises(PlanError):
			schedule(CALENDAR, date(2026, 6, 1), [Stage("S", 5, (Approval("a", 1), Approval("a", 2)))])
		with self.assertRaises(PlanError):
			schedule(CALENDAR, date(2026, 6, 1), [Stage("S", 5, (Approval("a", -1),))])
		with self.assertRaises(PlanError):
			schedule(
				CALENDAR,
				date(2026, 6, 1),
				[
					Stage(
						"S", 5, (Approval("a", 1, started_on=date(2026, 6, 5), finished_on=date(2026, 6, 4)),)
					)
				],
			)

	def test_a_stage_that_opened_early_enough_does_not_make_its_predecessor_critical(self):
		"""Found by the property test: stage S1 opens on S0's finish, but its only required approval waits
		for S0's optional serial approval, which finishes a day later — that one is critical, not the
		approval that ended S0 (delaying it moves S1's opening, not its finish)."""
		stages = [
			Stage("S0", 1, (Approval("S0A0", 0), Approval("S0A1", 1, parallel=False, required=False))),
			Stage("S1", 1, (Approval("S1A0", 0, parallel=False, after=("S0A1",)),)),
		]
		plan = schedule(CALENDAR, date(2026, 1, 4), stages)  # a working Sunday (调休)
		self.assertEqual(plan.critical_path, ["S0A1", "S1A0"])
		self.assertEqual(
			schedule(CALENDAR, date(2026, 1, 4), with_limit(stages, "S0A0", 1)).finish, plan.finish
		)
		self.assertGreater(
			schedule(CALENDAR, date(2026, 1, 4), with_limit(stages, "S0A1", 1)).finish, plan.finish
		)

	def test_an_approval_needs_only_approvals_before_it(self):
		for after in (("a",), ("c",), ("nowhere",)):  # itself, a later one, none
			with self.subTest(after=after), self.assertRaises(PlanError):
				schedule(
					CALENDAR,
					date(2026, 6, 1),
					[Stage("S", 5, (Approval("b", 1), Approval("a", 1, after=after), Approval("c", 1)))],
				)

	@PROPERTY_SETTINGS
	@given(plans, starts, st.data())
	def test_dependencies_hold_and_the_critical_path_follows_them(self, plan, start, data):
		"""With 前置事项 drawn at random (each approval needing up to three before it, in any stage): every
		approval starts when it may — its stage open, the serial one before it and all it needs finished —
		and what is critical delays the project while slack does not."""
		stages = with_dependencies(build(plan, overlap=data.draw(st.booleans())), data)
		result = schedule(CALENDAR, start, stages)
		dates = {a.key: a for s in result.stages for a in s.approvals}
		for stage, stage_dates in zip(stages, result.stages, strict=True):
			serial_from = stage_dates.opens
			for item in stage.approvals:
				approval = dates[item.key]
				earliest = max(
					[
						stage_dates.opens if item.parallel else serial_from,
						*(dates[k].finish for k in item.after),
					]
				)
				self.assertEqual(approval.start, earliest)
				if not item.parallel:
					serial_from = approval.finish
				self.assertTrue(approval.slack_days is None or approval.slack_days >= 0)
		holding = [a for a in dates.values() if a.slack_days is not None]
		if not holding:
			return
		chosen = data.draw(st.sampled_from(holding))
		if chosen.critical:
			later = schedule(CALENDAR, start, with_limit(stages, chosen.key, 1))
			self.assertGreater(later.finish, result.finish)
		same = schedule(CALENDAR, start, with_limit(stages, chosen.key, chosen.slack_days))
		self.assertEqual(same.finish, result.finish)

	@PROPERTY_SETTINGS
	@given(plans, starts)
	def test_dates_follow_the_rules(self, plan, start):
		stages = build(plan)
		result = schedule(CALENDAR, start, stages)
		previous = None
		for stage, dates in zip(stages, result.stages, strict=True):
			if previous is None:
				self.assertEqual(dates.opens, start)
			elif stage.overlap_after_days is None:
				self.assertEqual(dates.opens, previous.finish)
			else:
				self.assertGreaterEqual(dates.opens, previous.opens)
				self.assertLessEqual(dates.opens, previous.finish)
			for approval, item in zip(dates.approvals, stage.approvals, strict=True):
				self.assertEqual(
					CALENDAR.count_working_days(approval.start, approval.due) if item.limit_days else 0,
					item.limit_days,
				)
				if item.parallel:
					self.assertEqual(approval.start, dates.opens)
				self.assertTrue(approval.slack_days is None or approval.slack_days >= 0)
			required = [a.finish for a in dates.approvals if a.required]
			self.assertEqual(dates.finish, max(required) if required else dates.opens)
			self.assertEqual(dates.over_limit, dates.finish > dates.due)
			previous = dates
		self.assertEqual(result.finish, max(s.finish for s in result.stages))
		self.assertLessEqual(result.working_days, result.serial_working_days)

	@PROPERTY_SETTINGS
	@given(plans, starts, st.data())
	def test_critical_approvals_delay_the_project_and_slack_does_not(self, plan, start, data):
		stages = build(plan, overlap=False)
		result = schedule(CALENDAR, start, stages)
		required = [a for s in result.stages for a in s.approvals if a.required]
		if not required:
			self.assertEqual(result.critical_path, [])
			return
		self.assertTrue(result.critical_path)
		holding = [a for s in result.stages for a in s.approvals if a.slack_days is not None]
		chosen = data.draw(st.sampled_from(holding))
		if chosen.critical:
			later = schedule(CALENDAR, start, with_limit(stages, chosen.key, 1))
			self.assertGreater(later.finish, result.finish)
		else:
			self.assertGreater(chosen.slack_days, 0)
		same = schedule(CALENDAR, start, with_limit(stages, chosen.key, chosen.slack_days))
		self.assertEqual(same.finish, result.finish)


if __name__ == "__main__":
	unittest.main()
