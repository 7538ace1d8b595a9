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
			frappe.db.set_value(
				"GS Case", case.name, {"stage": "In Progress", "deadline_date": due, "is_paused": 0}
			)
			cls.cases[colour] = case.name

	def tearDown(self):
		frappe.set_user("Administrator")

	def village_counts(self, dimension: str = "Service Centre", key: str | None = None) -> dict | None:
		rows = {row["key"]: row for row in board.counts(dimension)}
		return rows.get(key or self.village)

	def test_each_role_counts_what_it_supervises(self):
		for user in (self.supervisory, self.supervisor):
			frappe.set_user(user)
			counts = self.village_counts()
			self.assertEqual((counts["Red"], counts["Yellow"], counts["Green"]), (1, 1, 1), user)
		frappe.set_user(self.other_supervisor)
		self.assertIsNone(self.village_counts())
		frappe.set_user(self.contact)
		counts = self.village_counts("Department", self.department)
		self.assertEqual((counts["Red"], counts["Yellow"], counts["Green"]), (1, 1, 1))
		frappe.set_user(self.other_contact)
		self.assertIsNone(self.village_counts("Department", self.department))
		frappe.set_user(self.agent.user)
		with self.assertRaises(frappe.PermissionError):
			board.counts("Service Centre")

	def test_drill_down_to_the_clocks(self):
		frappe.set_user(self.supervisor)
		red = board.clocks("Service Centre", self.village, "Red")
		self.assertEqual([(r.record, r.light) for r in red], [(self.cases["Red"], "Red")])
		every = {r.record for r in board.clocks("Service Centre", self.village, None)}
		self.assertEqual(every, set(self.cases.values()))
		frappe.set_user(self.other_supervisor)
		self.assertEqual(board.clocks("Service Centre", self.village, None), [])
		# the report: totals, then one group's red clocks
		from govservice.supervision.report.supervision_board.supervision_board import execute

		frappe.set_user(self.supervisor)
		_columns, rows, *_rest = execute({"group_by": "Service Centre"})
		self.assertIn("看板测试村便民服务站", [r["label"] for r in rows])
		_columns, rows, *_rest = execute({"group_by": "Service Centre", "key": self.village, "light": "Red"})
		self.assertEqual([r.record for r in rows], [self.cases["Red"]])
		with self.assertRaises(frappe.ValidationError):
			execute({"group_by": "1; drop table x"})
