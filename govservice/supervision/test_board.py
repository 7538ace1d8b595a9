"""电子监察看板: a running clock's colour (no Frappe), and the board counted from real records as each role
supervises them — the county by the supervisory department, a township's centres by its supervisor, a
department's clocks by its contact, nothing for an agent — with the drill-down to the clocks of one group
and colour."""

import datetime

import frappe
from frappe.utils import getdate

from govservice.domain.supervision_rules import light
from govservice.organisation.calendar import get_work_calendar
from govservice.organisation.doctype.gs_calendar_year.gs_calendar_year import ensure_calendar_years
from govservice.supervision import board
from govservice.tests.utils import (
	FrappeTestCase,
	make_agent,
	make_case,
	make_centre,
	make_department,
	make_department_liaison,
	make_service_item,
	make_supervisor,
	make_user,
)


class TestLights(FrappeTestCase):
	def test_colours(self):
		today, until = datetime.date(2026, 12, 7), datetime.date(2026, 12, 9)
		self.assertEqual(light(datetime.date(2026, 12, 4), today, until), "Red")
		self.assertEqual(light(today, today, until), "Yellow")
		self.assertEqual(light(until, today, until), "Yellow")
		self.assertEqual(light(datetime.date(2026, 12, 10), today, until), "Green")
		# past the promised limit, within the statutory one: yellow; past both: red
		statutory_from = datetime.date(2026, 12, 1)
		self.assertEqual(light(datetime.date(2026, 12, 4), today, until, statutory_from), "Yellow")
		self.assertEqual(light(datetime.date(2026, 12, 1), today, until, statutory_from), "Yellow")
		self.assertEqual(light(datetime.date(2026, 11, 30), today, until, statutory_from), "Red")

	def test_statutory_thresholds_count_working_days(self):
		from govservice.domain.supervision_rules import statutory_thresholds
		from govservice.domain.workdays import WorkCalendar

		start = datetime.date(2026, 11, 1)
		weekends = {start + datetime.timedelta(days=n) for n in range(61)}
		weekends = {day for day in weekends if day.weekday() >= 5}
		calendar = WorkCalendar(weekends, start, datetime.date(2026, 12, 31))
		today = datetime.date(2026, 12, 7)  # a Monday
		found = statutory_thresholds(today, (0, 1, 3), calendar.count_working_days, start)
		# grace 0: red from yesterday; 1: Friday's deadline still within (one working day, Monday, after it);
		# 3: Wednesday's (Thursday, Friday, Monday)
		self.assertEqual(found[0], today)
		self.assertEqual(found[1], datetime.date(2026, 12, 4))
		self.assertEqual(found[3], datetime.date(2026, 12, 2))
		for grace, day in found.items():
			self.assertLessEqual(calendar.count_working_days(day, today), grace)
			if grace:
				self.assertGreater(
					calendar.count_working_days(day - datetime.timedelta(days=1), today), grace
				)


class TestBoard(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		today = getdate()
		ensure_calendar_years([today.year, today.year + 1])
		county = make_centre("看板测试县", "County")
		cls.town = make_centre("看板测试镇", "Township", county)
		cls.village = make_centre("看板测试村", "Village", cls.town)
		other_town = make_centre("看板测试二镇", "Township", county)
		cls.agent = make_agent("kb.agent@test.govservice", cls.village)
		cls.supervisor = make_supervisor("kb.supervisor@test.govservice", cls.town)
		cls.other_supervisor = make_supervisor("kb.supervisor2@test.govservice", other_town)
		cls.supervisory = make_user("kb.supervisory@test.govservice", roles=("GS Supervisory Officer",))
		cls.department = make_department("看板测试民政局")
		cls.contact = make_user("kb.contact@test.govservice", roles=("GS Department Contact",))
		make_department_liaison(cls.department, cls.contact)
		cls.other_contact = make_user("kb.contact2@test.govservice", roles=("GS Department Contact",))
		make_department_liaison(make_department("看板测试人社局"), cls.other_contact)
		item = make_service_item("KB-ITEM", item_name="看板测试事项", department=cls.department).name
		calendar = get_work_calendar()
		cls.cases = {}
		for colour, due in (
			("Red", today - datetime.timedelta(days=1)),
			("Yellow", calendar.add_working_days(today, 1)),
			("Green", calendar.add_working_days(today, 10)),
		):
			case = make_case(item, cls.village, cls.agent.name)
			# promised as long as the statutory limit (20): no grace, red once past
			frappe.db.set_value(
				"GS Case",
				case.name,
				{"stage": "In Progress", "deadline_date": due, "is_paused": 0, "promised_limit_days": 20},
			)
			cls.cases[colour] = case.name
		# promised 10 of the statutory 20 working days, one working day past the promise: yellow, not red
		late = make_case(item, cls.village, cls.agent.name)
		frappe.db.set_value(
			"GS Case",
			late.name,
			{
				"stage": "In Progress",
				"deadline_date": cls.working_day_before(today),
				"is_paused": 0,
				"promised_limit_days": 10,
			},
		)
		cls.cases["Within Statutory"] = late.name
		# an open key-project stage of the township, due in ten working days (its lead department's clock)
		cls.project = frappe.generate_hash(length=10)
		frappe.get_doc(
			{
				"doctype": "GS Key Project",
				"name": cls.project,
				"project_name": "看板测试项目",
				"service_centre": cls.town,
			}
		).db_insert()
		frappe.get_doc(
			{
				"doctype": "GS Project Stage",
				"name": frappe.generate_hash(length=10),
				"parent": cls.project,
				"parenttype": "GS Key Project",
				"parentfield": "stages",
				"idx": 1,
				"stage_name": "施工许可",
				"lead_department": cls.department,
				"stage_status": "Open",
				"due_date": calendar.add_working_days(today, 10),
			}
		).db_insert()
		# a special-group visit overdue and a collected request's answer due today (names shortened)
		cls.member = frappe.generate_hash(length=10)
		frappe.get_doc(
			{
				"doctype": "GS Special Group Member",
				"name": cls.member,
				"full_name": "欧阳看板",
				"is_active": 1,
				"service_centre": cls.village,
				"next_visit_due": today - datetime.timedelta(days=3),
			}
		).db_insert()
		cls.sheet = frappe.generate_hash(length=10)
		frappe.get_doc(
			{
				"doctype": "GS Collection Sheet",
				"name": cls.sheet,
				"service_centre": cls.village,
				"status": "Dispatched",
			}
		).db_insert()
		frappe.get_doc(
			{
				"doctype": "GS Collection Request",
				"name": frappe.generate_hash(length=10),
				"parent": cls.sheet,
				"parenttype": "GS Collection Sheet",
				"parentfield": "requests",
				"idx": 1,
				"requester_name": "李看板",
				"request": "代办申请",
				"respond_by": today,
			}
		).db_insert()

	@staticmethod
	def working_day_before(day):
		calendar = get_work_calendar()
		day -= datetime.timedelta(days=1)
		while not calendar.is_working_day(day):
			day -= datetime.timedelta(days=1)
		return day

	def tearDown(self):
		frappe.set_user("Administrator")

	def village_counts(self, dimension: str = "Service Centre", key: str | None = None) -> dict | None:
		rows = {row["key"]: row for row in board.counts(dimension)}
		return rows.get(key or self.village)

	def test_each_role_counts_what_it_supervises(self):
		for user in (self.supervisory, self.supervisor):
			frappe.set_user(user)
			counts = self.village_counts()
			# cases red 1, yellow 2 (one past its promise within the statutory limit), green 1; the visit
			# red, the answer yellow
			self.assertEqual((counts["Red"], counts["Yellow"], counts["Green"]), (2, 3, 1), user)
			visits = {row["key"]: row for row in board.counts("Service Centre", kind="Visit Due")}
			self.assertEqual(visits[self.village]["Red"], 1)
			answers = {row["key"]: row for row in board.counts("Service Centre", kind="Collection Answer")}
			self.assertEqual(answers[self.village]["Yellow"], 1)
		frappe.set_user(self.other_supervisor)
		self.assertIsNone(self.village_counts())
		frappe.set_user(self.contact)
		# the cases and the stage it leads: visits have no department
		counts = self.village_counts("Department", self.department)
		self.assertEqual((counts["Red"], counts["Yellow"], counts["Green"]), (1, 2, 2))
		stages = {row["key"]: row for row in board.counts("Service Centre", kind="Project Stage")}
		self.assertEqual(stages[self.town]["Green"], 1)
		frappe.set_user(self.other_contact)
		self.assertIsNone(self.village_counts("Department", self.department))
		frappe.set_user(self.agent.user)
		with self.assertRaises(frappe.PermissionError):
			board.counts("Service Centre")

	def test_drill_down_to_the_clocks(self):
		frappe.set_user(self.supervisor)
		red = board.clocks("Service Centre", self.village, "Red", "Case Deadline")
		self.assertEqual([(r.record, r.light) for r in red], [(self.cases["Red"], "Red")])
		every = {r.record: r for r in board.clocks("Service Centre", self.village, None)}
		self.assertEqual(set(every), {*self.cases.values(), self.member, self.sheet})
		self.assertEqual(every[self.cases["Within Statutory"]].light, "Yellow")
		self.assertEqual((every[self.member].light, every[self.member].subject), ("Red", "欧***"))
		self.assertEqual((every[self.sheet].light, every[self.sheet].subject), ("Yellow", "李**"))
		frappe.set_user(self.other_supervisor)
		self.assertEqual(board.clocks("Service Centre", self.village, None), [])
		# the report: totals, then one group's red clocks
		from govservice.supervision.report.supervision_board.supervision_board import execute

		frappe.set_user(self.supervisor)
		_columns, rows, *_rest = execute({"group_by": "Service Centre"})
		self.assertIn("看板测试村便民服务站", [r["label"] for r in rows])
		_columns, rows, *_rest = execute(
			{"group_by": "Service Centre", "key": self.village, "light": "Red", "clock": "Case Deadline"}
		)
		self.assertEqual([r.record for r in rows], [self.cases["Red"]])
		with self.assertRaises(frappe.ValidationError):
			execute({"group_by": "1; drop table x"})
