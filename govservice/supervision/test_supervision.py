"""电子监察: the rules (no Frappe), the day's run over real records (one alert per red clock, yellow then red,
none again once closed), who is told, the text to the responsible person through a local SMS gateway, and
who reads and handles an alert."""

import datetime

import frappe

from govservice.domain.supervision_rules import RED, YELLOW, alert_level, next_step
from govservice.organisation.calendar import add_working_days
from govservice.organisation.doctype.gs_calendar_year.gs_calendar_year import ensure_calendar_years
from govservice.supervision import alerts
from govservice.supervision.notifications import ensure_alert_notifications
from govservice.tests.sms_gateway import LocalGateway
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
	use_sms_gateway,
)

# a Monday; DEADLINE[n] is the deadline n working days before it (no holiday in between)
TODAY = datetime.date(2026, 12, 7)
DEADLINE = {n: datetime.date(2026, 12, day) for n, day in ((1, 4), (2, 3), (3, 2), (4, 1))} | {
	5: datetime.date(2026, 11, 30)
}


class TestSupervisionRules(FrappeTestCase):
	def test_levels_and_steps(self):
		self.assertIsNone(alert_level(0, 3))
		self.assertEqual(alert_level(1, 3), YELLOW)
		self.assertEqual(alert_level(3, 3), YELLOW)
		self.assertEqual(alert_level(4, 3), RED)
		self.assertEqual(alert_level(1, 0), RED)  # no yellow period: a red card at once
		self.assertEqual(next_step(YELLOW, None, False), "issue")
		self.assertEqual(next_step(RED, None, False), "issue")
		self.assertIsNone(next_step(YELLOW, YELLOW, True))  # issued once
		self.assertEqual(next_step(RED, YELLOW, True), "raise")
		self.assertIsNone(next_step(RED, RED, True))
		self.assertIsNone(next_step(RED, YELLOW, False))  # closed by the supervisory officer
		self.assertIsNone(next_step(None, None, False))


class TestTheDaysRun(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_calendar_years([2026, 2027])
		county = make_centre("监察测试县", "County")
		cls.town = make_centre("监察测试镇", "Township", county)
		cls.village = make_centre("监察测试村", "Village", cls.town)
		cls.agent = make_agent("jc.agent@test.govservice", cls.village, phone="13800005555")
		cls.colleague = make_agent("jc.colleague@test.govservice", cls.village)
		cls.supervisor = make_supervisor("jc.supervisor@test.govservice", cls.town)
		cls.supervisory = make_user("jc.supervisory@test.govservice", roles=("GS Supervisory Officer",))
		cls.department = make_department("监察测试民政局")
		cls.contact = make_user("jc.contact@test.govservice", roles=("GS Department Contact",))
		make_department_liaison(cls.department, cls.contact)
		cls.other_contact = make_user("jc.contact2@test.govservice", roles=("GS Department Contact",))
		make_department_liaison(make_department("监察测试人社局"), cls.other_contact)
		cls.item = make_service_item("JC-ITEM", item_name="监察测试事项", department=cls.department).name
		cls.gateway = LocalGateway().__enter__()
		use_sms_gateway(cls.gateway.url)
		ensure_alert_notifications()
		for name in ("监察预警短信：发出", "监察预警短信：升级红牌"):
			frappe.db.set_value("Notification", name, "enabled", 1)

	@classmethod
	def tearDownClass(cls):
		cls.gateway.__exit__(None, None, None)
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")

	def overdue_case(self, working_days: int) -> str:
		case = make_case(self.item, self.village, self.agent.name)
		deadline = DEADLINE[working_days]
		frappe.db.set_value(
			"GS Case", case.name, {"stage": "Accepted", "status": "Accepted", "deadline_date": deadline}
		)
		return case.name

	def alert_of(self, name: str):
		return frappe.get_doc("GS Supervision Alert", {"source_doctype": "GS Case", "source_name": name})

	def test_a_red_clock_issues_one_alert_that_becomes_a_red_card_once(self):
		case = self.overdue_case(2)
		alerts.run(TODAY)
		alert = self.alert_of(case)
		self.assertEqual(alert.level, YELLOW)
		self.assertEqual(alert.overdue_days, 2)
		self.assertEqual(alert.responsible_user, self.agent.user)
		self.assertEqual((alert.post, alert.department), ("Agent", self.department))
		self.assertEqual((alert.service_centre, alert.township_centre), (self.village, self.town))
		# the same day again: nothing new
		alerts.run(TODAY)
		self.assertEqual(frappe.db.count("GS Supervision Alert", {"source_name": case}), 1)
		# two working days later it is four days overdue: a red card, the same record
		later = add_working_days(TODAY, 2)
		alerts.run(later)
		alert = self.alert_of(case)
		self.assertEqual((alert.level, alert.overdue_days), (RED, 4))
		self.assertTrue(alert.raised_on)
		alerts.run(add_working_days(TODAY, 3))
		self.assertEqual(frappe.db.count("GS Supervision Alert", {"source_name": case}), 1)

	def test_who_is_told_in_the_desk_and_by_text(self):
		case = self.overdue_case(1)
		before = len(self.gateway.messages)
		alerts.run(TODAY)
		alert = self.alert_of(case)
		told = set(
			frappe.get_all(
				"Notification Log",
				filters={"document_type": "GS Supervision Alert", "document_name": alert.name},
				pluck="for_user",
			)
		)
		self.assertEqual(
			told & {self.agent.user, self.supervisor, self.supervisory},
			{
				self.agent.user,
				self.supervisor,
				self.supervisory,
			},
		)
		self.assertNotIn(self.colleague.user, told)
		texts = [m for m in self.gateway.messages[before:] if m["to"] == "13800005555"]
		self.assertEqual(len(texts), 1, texts)
		self.assertIn("黄牌预警", texts[0]["text"])
		self.assertIn(alert.name, texts[0]["text"])

	def test_a_closed_alert_is_not_issued_again_and_nothing_is_deleted(self):
		case = self.overdue_case(5)
		alerts.run(TODAY)
		alert = self.alert_of(case)
		self.assertEqual(alert.level, RED)  # five days overdue at once: a red card
		frappe.set_user(self.supervisory)
		with self.assertRaises(frappe.ValidationError):
			alert.close_alert()  # the handling first
		alert.record_handling("Correction", "已督促代办员当日办结")
		alert.close_alert()
		frappe.set_user("Administrator")
		alert.reload()
		self.assertEqual(
			(alert.status, alert.handling, alert.closed_by), ("Closed", "Correction", self.supervisory)
		)
		alerts.run(add_working_days(TODAY, 1))
		self.assertEqual(frappe.db.count("GS Supervision Alert", {"source_name": case}), 1)
		with self.assertRaises(frappe.PermissionError):
			frappe.delete_doc("GS Supervision Alert", alert.name)

	def test_a_dispatched_complaint_past_its_deadline_names_the_departments_contact(self):
		complaint = frappe.get_doc(
			{
				"doctype": "GS Complaint",
				"reporter_name": "监察测试反映人",
				"reporter_phone": "13900002222",
				"description": "监察测试反映",
				"department": self.department,
				"channel": "Window",
				"registered_on": frappe.utils.now_datetime(),
			}
		).insert()
		frappe.db.set_value(
			"GS Complaint",
			complaint.name,
			{"status": "Dispatched", "deadline_date": DEADLINE[1]},
		)
		alerts.run(TODAY)
		alert = frappe.get_doc(
			"GS Supervision Alert", {"source_doctype": "GS Complaint", "source_name": complaint.name}
		)
		self.assertEqual((alert.clock, alert.responsible_user), ("Complaint Deadline", self.contact))
		self.assertEqual(alert.post, "Department Contact")

	def test_who_reads_and_who_handles(self):
		case = self.overdue_case(1)
		alerts.run(TODAY)
		alert = self.alert_of(case)
		readers = {
			self.supervisory: True,
			self.supervisor: True,  # the township's supervisor: a village of the township
			self.agent.user: True,  # the person it names
			self.colleague.user: False,  # a colleague at the same station
			self.contact: True,  # the contact of the item's department: its department's alerts
			self.other_contact: False,  # another department's
		}
		for user, reads in readers.items():
			frappe.set_user(user)
			names = frappe.get_list("GS Supervision Alert", pluck="name", limit_page_length=0)
			self.assertEqual(alert.name in names, reads, user)
			self.assertEqual(
				frappe.has_permission("GS Supervision Alert", "read", doc=alert.name), reads, user
			)
			self.assertFalse(frappe.has_permission("GS Supervision Alert", "create"), user)
		for user in (self.supervisor, self.agent.user):
			frappe.set_user(user)
			doc = frappe.get_doc("GS Supervision Alert", alert.name)
			with self.assertRaises(frappe.PermissionError):
				doc.record_handling("Explanation", "自行说明")
		# an action never inserts an alert, not even the supervisory department's on an unsaved one
		frappe.set_user(self.supervisory)
		forged = frappe.get_doc(
			{"doctype": "GS Supervision Alert", "level": RED, "clock": "Case Deadline", "subject": "伪造"}
		)
		with self.assertRaises(frappe.PermissionError):
			forged.record_handling("Explanation", "伪造")
		self.assertFalse(frappe.db.exists("GS Supervision Alert", {"subject": "伪造"}))
		# the supervisory department changes nothing by a plain save
		frappe.set_user(self.supervisory)
		doc = frappe.get_doc("GS Supervision Alert", alert.name)
		doc.level = RED
		with self.assertRaises(frappe.PermissionError):
			doc.save()

	def test_a_visit_and_a_collected_request_past_their_dates_are_red_clocks(self):
		member = frappe.generate_hash(length=10)
		frappe.get_doc(
			{
				"doctype": "GS Special Group Member",
				"name": member,
				"full_name": "欧阳老人",
				"is_active": 1,
				"service_centre": self.village,
				"responsible_agent": self.agent.name,
				"next_visit_due": DEADLINE[2],
			}
		).db_insert()
		sheet = frappe.generate_hash(length=10)
		frappe.get_doc(
			{
				"doctype": "GS Collection Sheet",
				"name": sheet,
				"service_centre": self.village,
				"status": "Dispatched",
				"collected_by": self.agent.name,
			}
		).db_insert()
		for idx, (requester, reply) in enumerate((("李大娘", None), ("王大爷", "已电话答复"))):
			frappe.get_doc(
				{
					"doctype": "GS Collection Request",
					"name": frappe.generate_hash(length=10),
					"parent": sheet,
					"parenttype": "GS Collection Sheet",
					"parentfield": "requests",
					"idx": idx + 1,
					"requester_name": requester,
					"request": "代办申请",
					"respond_by": DEADLINE[1],
					"reply": reply,
				}
			).db_insert()
		clocks = {
			c["source_name"]: c for c in alerts.red_clocks(TODAY) if c["source_name"] in (member, sheet)
		}
		self.assertEqual(set(clocks), {member, sheet})  # the answered request is no clock
		self.assertEqual(
			(clocks[member]["clock"], clocks[member]["responsible_user"]), ("Visit Due", self.agent.user)
		)
		self.assertNotIn("欧阳老人", clocks[member]["subject"])  # shortened: read beyond the village
		self.assertEqual(clocks[sheet]["clock"], "Collection Answer")
		self.assertIn("李**", clocks[sheet]["subject"])
		alerts.run(TODAY)
		alert = frappe.get_doc(
			"GS Supervision Alert", {"source_doctype": "GS Special Group Member", "source_name": member}
		)
		self.assertEqual((alert.post, alert.service_centre), ("Agent", self.village))

	def test_an_open_key_project_stage_past_its_due_date_is_its_lead_departments_clock(self):
		project = frappe.generate_hash(length=10)
		frappe.get_doc(
			{
				"doctype": "GS Key Project",
				"name": project,
				"project_name": "监察测试项目",
				"service_centre": self.town,
			}
		).db_insert()
		for idx, (stage_name, status) in enumerate((("立项用地规划许可", "Open"), ("施工许可", "Completed"))):
			frappe.get_doc(
				{
					"doctype": "GS Project Stage",
					"name": frappe.generate_hash(length=10),
					"parent": project,
					"parenttype": "GS Key Project",
					"parentfield": "stages",
					"idx": idx + 1,
					"stage_name": stage_name,
					"lead_department": self.department,
					"stage_status": status,
					"due_date": DEADLINE[2],
				}
			).db_insert()
		clocks = [c for c in alerts.red_clocks(TODAY) if c["source_name"] == project]
		self.assertEqual(len(clocks), 1)  # the completed stage is no clock
		clock = clocks[0]
		self.assertEqual(
			(clock["clock"], clock["post"], clock["responsible_user"], clock["department"]),
			("Project Stage", "Department Contact", self.contact, self.department),
		)
		self.assertIn("立项用地规划许可", clock["subject"])
		alerts.run(TODAY)
		self.assertTrue(
			frappe.db.exists(
				"GS Supervision Alert",
				{"source_doctype": "GS Key Project", "source_name": project, "clock": "Project Stage"},
			)
		)
