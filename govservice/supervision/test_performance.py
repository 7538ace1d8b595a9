"""绩效评估: the rules (no Frappe), a month's figures computed from real records on China's calendar, who reads
them, publication, the frozen published figures and their correction as a new version, the public page, and
the monthly job on the first working day after 劳动节."""

import datetime

import frappe

from govservice.domain.performance_rules import correction_refusal, finish, month_end, previous_month, share
from govservice.organisation.calendar import get_work_calendar
from govservice.organisation.doctype.gs_calendar_year.gs_calendar_year import ensure_calendar_years
from govservice.supervision import performance
from govservice.tests.utils import (
	FrappeTestCase,
	make_agent,
	make_case,
	make_centre,
	make_department,
	make_service_item,
	make_supervisor,
	make_user,
)

MONTH = datetime.date(2026, 3, 1)


class TestPerformanceRules(FrappeTestCase):
	def test_months_shares_and_reasons(self):
		self.assertEqual(previous_month(datetime.date(2026, 1, 5)), datetime.date(2025, 12, 1))
		self.assertEqual(month_end(datetime.date(2028, 2, 1)), datetime.date(2028, 2, 29))
		self.assertIsNone(share(3, 0))  # no case is no figure, not 0 %
		self.assertEqual(share(1, 3), 33.3)
		figures = finish(
			{"cases_completed": 4, "completed_on_time": 3, "working_days_sum": 9, "working_days_count": 2}
		)
		self.assertEqual((figures["on_time_share"], figures["avg_working_days"]), (75.0, 4.5))
		self.assertIsNone(figures["good_share"])
		self.assertTrue(correction_refusal("太短"))
		self.assertIsNone(correction_refusal("漏计了三月底补录的两件办件"))

	def test_ordinals_count_working_days_like_the_calendar(self):
		ensure_calendar_years([2026])
		calendar = get_work_calendar()
		ordinals = dict(calendar.ordinals(datetime.date(2026, 9, 25), datetime.date(2026, 10, 20)))
		for start, end in ((datetime.date(2026, 9, 28), datetime.date(2026, 10, 12)),):
			self.assertEqual(ordinals[end] - ordinals[start], calendar.count_working_days(start, end))


class TestMonthlyFigures(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_calendar_years([2026, 2027])
		frappe.db.delete("GS Performance Row", {"parent": ["like", "GS-PERF-202603-%"]})
		frappe.db.delete("GS Performance Report", {"month": MONTH})
		cls.county = make_centre("绩效测试县", "County")
		cls.town = make_centre("绩效测试镇", "Township", cls.county)
		cls.village = make_centre("绩效测试村", "Village", cls.town)
		cls.other_town = make_centre("绩效测试二镇", "Township", cls.county)
		cls.agent = make_agent("jx.agent@test.govservice", cls.village, agent_name="绩效代办员")
		cls.department = make_department("绩效测试民政局")
		cls.item = make_service_item(
			"JX-ITEM",
			item_name="绩效测试事项",
			department=cls.department,
			statutory_limit_days=20,
			promised_limit_days=10,
		).name
		cls.supervisor = make_supervisor("jx.supervisor@test.govservice", cls.town)
		cls.other_supervisor = make_supervisor("jx.supervisor2@test.govservice", cls.other_town)
		cls.supervisory = make_user("jx.supervisory@test.govservice", roles=("GS Supervisory Officer",))
		# A: done in four working days, on time, at one go; B: late, a second notice, at the door; C: open
		cls.case_a = cls.case("2026-03-02 09:00:00", "2026-03-06 16:00:00", "2026-03-16")
		cls.case_b = cls.case("2026-03-03 09:00:00", "2026-03-20 16:00:00", "2026-03-10", is_door_to_door=1)
		cls.case_c = cls.case("2026-03-25 09:00:00", None, "2026-04-08")
		frappe.get_doc(
			{"doctype": "GS One-Time Notice", "gs_case": cls.case_b, "is_supplementary": 1}
		).db_insert()
		cls.rating(cls.case_a, "Very Satisfied", 0)
		cls.rating(cls.case_b, "Dissatisfied", 1, rectified=("2026-03-18", "2026-03-16 10:00:00"))
		frappe.get_doc(
			{
				"doctype": "GS Complaint",
				"reporter_name": "绩效反映人",
				"description": "绩效测试反映",
				"department": cls.department,
				"registered_on": "2026-03-09 10:00:00",
				"deadline_date": "2026-03-12",
				"replied_on": "2026-03-11 15:00:00",
				"status": "Replied",
			}
		).db_insert()
		frappe.get_doc(
			{
				"doctype": "GS Supervision Alert",
				"level": "Red Card",
				"clock": "Case Deadline",
				"source_doctype": "GS Case",
				"source_name": cls.case_b,
				"subject": "绩效测试预警",
				"responsible_user": "jx.agent@test.govservice",
				"post": "Agent",
				"service_centre": cls.village,
				"issued_on": "2026-03-11 08:45:00",
			}
		).db_insert()

	@classmethod
	def case(cls, received: str, completed: str | None, deadline: str, **fields) -> str:
		case = make_case(cls.item, cls.village, cls.agent.name)
		frappe.db.set_value(
			"GS Case",
			case.name,
			{
				"received_on": received,
				"accepted_on": received,
				"completed_on": completed,
				"deadline_date": deadline,
				"stage": "Completed" if completed else "Accepted",
				"promised_limit_days": 10,
				**fields,
			},
		)
		return case.name

	@classmethod
	def rating(cls, case: str, level: str, bad: int, rectified: tuple | None = None) -> None:
		rectification = None
		if rectified:
			rectification = frappe.generate_hash(length=10)
			frappe.get_doc(
				{
					"doctype": "GS Rectification",
					"name": rectification,
					"gs_case": case,
					"status": "Completed",
					"deadline_date": rectified[0],
					"completed_on": rectified[1],
					"service_centre": cls.village,
				}
			).db_insert()
		frappe.get_doc(
			{
				"doctype": "GS Rating",
				"name": frappe.generate_hash(length=10),
				"gs_case": case,
				"rating": level,
				"is_bad": bad,
				"rated_on": "2026-03-12 10:00:00",
				"service_centre": cls.village,
				"agent": cls.agent.name,
				"service_item": cls.item,
				"rectification": rectification,
			}
		).db_insert()

	def tearDown(self):
		frappe.set_user("Administrator")

	def report_of(self, centre: str, status: str = "Draft"):
		return frappe.get_doc(
			"GS Performance Report", {"month": MONTH, "service_centre": centre, "status": status}
		)

	def test_a_month_from_the_records_published_frozen_and_corrected(self):
		names = performance.compute_month(MONTH)
		self.assertTrue(names)
		self.assertEqual(performance.compute_month(MONTH), [])  # once a month
		village = self.report_of(self.village)
		calendar = get_work_calendar()
		used = calendar.count_working_days(datetime.date(2026, 3, 2), datetime.date(2026, 3, 6)) + (
			calendar.count_working_days(datetime.date(2026, 3, 3), datetime.date(2026, 3, 20))
		)
		self.assertEqual(
			(
				village.cases_received,
				village.cases_completed,
				village.completed_on_time,
				village.on_time_share,
			),
			(3, 2, 1, 50.0),
		)
		self.assertEqual(
			(village.one_time_share, village.village_share, village.home_share), (50.0, 100.0, 50.0)
		)
		self.assertEqual((village.door_to_door, village.avg_working_days), (1, round(used / 2, 1)))
		self.assertEqual((village.avg_promised_days, village.avg_statutory_days), (10.0, 20.0))
		self.assertEqual((village.ratings, village.good_share, village.rectified_share), (2, 50.0, 100.0))
		self.assertEqual((village.red_cards, village.warnings), (1, 0))
		self.assertEqual((village.township_centre, village.county_centre), (self.town, self.county))
		rows = {(row.dimension, row.dimension_label): row for row in village.rows}
		self.assertEqual(rows[("Agent", "绩效代办员")].cases_completed, 2)
		self.assertEqual(rows[("Agent", "绩效代办员")].red_cards, 1)
		self.assertEqual(rows[("Service Item", "绩效测试事项")].on_time_share, 50.0)
		county = self.report_of(self.county)
		department = next(row for row in county.rows if row.dimension_key == self.department)
		self.assertEqual((department.complaints_received, department.complaints_on_time_share), (1, 100.0))
		self.assertEqual(self.report_of(self.other_town).cases_received, 0)

		# who reads: the township's supervisor its own and its village's; another township's not; no agent
		frappe.set_user(self.supervisor)
		mine = set(frappe.get_list("GS Performance Report", filters={"month": MONTH}, pluck="service_centre"))
		self.assertEqual(mine, {self.town, self.village})
		frappe.set_user(self.other_supervisor)
		self.assertFalse(frappe.has_permission("GS Performance Report", "read", village))
		self.assertEqual(
			frappe.get_list("GS Performance Report", filters={"service_centre": self.village}), []
		)
		frappe.set_user(self.agent.user)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_list("GS Performance Report", filters={"month": MONTH})

		# a supervisor cannot publish; the supervisory department publishes the month
		frappe.set_user(self.supervisor)
		with self.assertRaises(frappe.PermissionError):
			performance.publish_month(str(MONTH))
		frappe.set_user(self.supervisory)
		self.assertEqual(performance.publish_month("2026-03-17"), len(names))
		with self.assertRaises(performance.PerformanceError):
			performance.publish_month(str(MONTH))  # nothing left to publish
		published = self.report_of(self.village, "Published")
		self.assertEqual(published.published_by, self.supervisory)

		# frozen: no save by anyone, no deletion
		frappe.set_user("Administrator")
		published.cases_received = 99
		with self.assertRaises(frappe.PermissionError):
			published.save(ignore_permissions=True)
		with self.assertRaises(frappe.PermissionError):
			frappe.delete_doc("GS Performance Report", published.name, ignore_permissions=True)

		# a case completed in March but recorded late: the correction is a new version with its reason
		self.case("2026-03-05 09:00:00", "2026-03-13 11:00:00", "2026-03-19")
		frappe.set_user(self.supervisory)
		with self.assertRaises(performance.PerformanceError):
			published.correct_figures("太短")
		new = published.correct_figures("三月补录一件办结件，重新计算")
		frappe.set_user("Administrator")
		corrected = frappe.get_doc("GS Performance Report", new)
		self.assertEqual(
			(corrected.version, corrected.status, corrected.previous_version, corrected.cases_completed),
			(2, "Published", published.name, 3),
		)
		old = frappe.get_doc("GS Performance Report", published.name)
		self.assertEqual((old.status, old.cases_completed), ("Superseded", 2))
		with self.assertRaises(performance.PerformanceError):
			frappe.set_user(self.supervisory)
			old.correct_figures("已被更正的版本不能再更正")
		frappe.set_user("Administrator")

		# the public page: the centre's current published figures, marked corrected
		shown = {row.service_centre: row for row in performance.published_figures(MONTH)}
		self.assertEqual((shown[self.village].cases_completed, shown[self.village].version), (3, 2))
		context = frappe._dict()
		frappe.form_dict.month = "2026-03"
		from govservice.www import performance as page

		page.get_context(context)
		self.assertEqual(context.month, "2026-03")
		for hostile in ("<script>", "2026-13", "2026-00", ["2026-03"]):
			frappe.form_dict.month = hostile
			page.get_context(context)  # no error: a value that is no month shows no month's figures
			self.assertIn(context.month, [None, *context.months])

	def test_the_job_runs_on_the_first_working_day_after_labour_day(self):
		frappe.db.delete("GS Performance Row", {"parent": ["like", "GS-PERF-202604-%"]})
		frappe.db.delete("GS Performance Report", {"month": datetime.date(2026, 4, 1)})
		with self.freeze_time("2026-05-05 09:00:00"):  # 劳动节 holiday
			self.assertEqual(performance.monthly_run(), [])
		with self.freeze_time("2026-05-06 09:00:00"):
			self.assertTrue(performance.monthly_run())
		self.assertTrue(frappe.db.exists("GS Performance Report", {"month": datetime.date(2026, 4, 1)}))
		with self.freeze_time("2026-05-07 09:00:00"):
			self.assertEqual(performance.monthly_run(), [])
