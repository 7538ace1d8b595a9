"""联席会议: the agenda drafted from the month's records, decisions whose progress only the owner department
reports, their daily reminders until done, who writes and reads a meeting, and the minutes as a Chinese PDF."""

import datetime

import frappe

from govservice.organisation.doctype.gs_calendar_year.gs_calendar_year import ensure_calendar_years
from govservice.supervision import meetings
from govservice.tests.utils import FrappeTestCase, make_department, make_department_liaison, make_user

TODAY = datetime.date(2026, 12, 8)  # a Tuesday


class TestJointMeeting(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_calendar_years([2026, 2027])
		cls.department = make_department("联席测试民政局")
		cls.other_department = make_department("联席测试人社局")
		cls.contact = make_user("lx.contact@test.govservice", roles=("GS Department Contact",))
		cls.other_contact = make_user("lx.contact2@test.govservice", roles=("GS Department Contact",))
		make_department_liaison(cls.department, cls.contact)
		make_department_liaison(cls.other_department, cls.other_contact)
		cls.supervisory = make_user("lx.supervisory@test.govservice", roles=("GS Supervisory Officer",))
		cls.supervisor = make_user("lx.supervisor@test.govservice", roles=("GS Supervisor",))
		cls.agent = make_user("lx.agent@test.govservice", roles=("GS Agent",))
		cls.red = frappe.generate_hash(length=10)
		frappe.get_doc(
			{
				"doctype": "GS Supervision Alert",
				"name": cls.red,
				"level": "Red Card",
				"status": "Open",
				"clock": "Case Deadline",
				"subject": "联席测试红牌",
				"responsible_name": "联席代办员",
				"overdue_days": 9999,  # first of the section, whatever else the site holds
				"issued_on": "2026-12-01 08:45:00",
			}
		).db_insert()
		cls.complaint = frappe.generate_hash(length=10)
		frappe.get_doc(
			{
				"doctype": "GS Complaint",
				"name": cls.complaint,
				"reporter_name": "联席反映人",
				"description": "联席测试反映",
				"department": cls.department,
				"department_name": "联席测试民政局",
				"status": "Dispatched",
				"registered_on": "2000-01-03 09:00:00",
				"deadline_date": "2000-01-07",  # the oldest of the section
			}
		).db_insert()
		cls.project = frappe.generate_hash(length=10)
		frappe.get_doc(
			{
				"doctype": "GS Key Project",
				"name": cls.project,
				"project_name": "联席测试项目",
				"status": "In Progress",
			}
		).db_insert()
		for index in range(3):
			frappe.get_doc(
				{
					"doctype": "GS Project Approval",
					"name": frappe.generate_hash(length=10),
					"parent": cls.project,
					"parenttype": "GS Key Project",
					"parentfield": "approvals",
					"idx": index + 1,
					"item_name": f"联席审批{index}",
					"approval_status": "In Progress",
					"due_date": "2020-01-10",
				}
			).db_insert()

	def tearDown(self):
		frappe.set_user("Administrator")

	def meeting(self) -> "frappe.model.document.Document":
		frappe.set_user(self.supervisory)
		meeting = frappe.get_doc(
			{
				"doctype": "GS Joint Meeting",
				"meeting_date": "2026-12-08",
				"review_month": "2026-11-20",
				"venue": "县政务服务中心三楼会议室",
				"chair": "县优化办主任",
				"agenda": [{"section": "Other", "subject": "代办员培训安排"}],
				"attendance": [
					{"department": self.department, "attendee": "张三"},
					{"department": self.other_department, "attendee": "李四", "present": 0},
				],
			}
		).insert()
		return meeting

	def test_the_agenda_is_drafted_from_the_month(self):
		meeting = self.meeting()
		self.assertEqual(str(meeting.review_month), "2026-11-01")
		with self.freeze_time("2026-12-08 10:00:00"):
			meeting.draft_agenda()
		meeting.reload()
		by_section = {}
		for row in meeting.agenda:
			by_section.setdefault(row.section, []).append(row)
		self.assertEqual(by_section["Red Cards"][0].reference_name, self.red)
		self.assertIn("联席代办员", by_section["Red Cards"][0].subject)
		self.assertEqual(by_section["Overdue Matters"][0].reference_name, self.complaint)
		stuck = next(row for row in by_section["Stuck Key Projects"] if row.reference_name == self.project)
		self.assertIn("3", stuck.subject)
		self.assertEqual(len(by_section["Figures Against Last Month"]), 1)  # not published yet: said so
		self.assertEqual([row.subject for row in by_section["Other"]], ["代办员培训安排"])  # typed: kept
		for section, rows in by_section.items():
			self.assertLessEqual(len(rows), meetings.SECTION_LIMIT + 1, section)
		frappe.set_user(self.contact)  # a department reads the meeting, and drafts nothing
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("GS Joint Meeting", meeting.name).draft_agenda()
		frappe.set_user(self.agent)
		self.assertFalse(frappe.has_permission("GS Joint Meeting", "read", meeting.name))
		with self.assertRaises(frappe.PermissionError):
			frappe.get_list("GS Joint Meeting")

	def test_decisions_are_reminded_until_their_department_reports_them_done(self):
		meeting = self.meeting()
		from govservice.security.writes import ProtectedFieldError

		forged = {"decision_status": "Done", "done_note": "伪造"}
		decision = {"decision": "十二月底前补齐低保审核窗口人员", "owner_department": self.department}
		meeting.append("decisions", {**decision, "deadline_date": "2026-12-07", **forged})
		meeting.save()  # its progress is the department's report, not typed: a new decision starts open
		row = meeting.decisions[0]
		self.assertEqual((row.decision_status, row.done_note), ("Open", None))
		row.decision_status = "Done"
		with self.assertRaises(ProtectedFieldError):
			meeting.save()
		# every working day until done: the owner department and the supervisory department are told
		frappe.set_user("Administrator")
		frappe.db.delete(
			"Notification Log", {"document_type": "GS Joint Meeting", "document_name": meeting.name}
		)
		with self.freeze_time("2026-12-08 08:30:00"):
			self.assertGreaterEqual(meetings.remind_decisions(), 1)
		told = set(
			frappe.get_all(
				"Notification Log",
				filters={"document_type": "GS Joint Meeting", "document_name": meeting.name},
				pluck="for_user",
			)
		)
		self.assertIn(self.contact, told)
		self.assertIn(self.supervisory, told)
		self.assertNotIn(self.other_contact, told)
		with self.freeze_time("2026-12-12 08:30:00"):  # a Saturday: nothing
			self.assertEqual(meetings.remind_decisions(), 0)
		# the owner department reports it done; another department cannot; a contact saves nothing
		frappe.set_user(self.other_contact)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("GS Joint Meeting", meeting.name).mark_decision_done(row.name, "不是本部门的事项")
		frappe.set_user(self.contact)
		readable = frappe.get_doc("GS Joint Meeting", meeting.name)
		readable.summary = "联系人改写纪要"
		with self.assertRaises(frappe.PermissionError):
			readable.save()
		readable = frappe.get_doc("GS Joint Meeting", meeting.name)
		with self.assertRaises(meetings_error()):
			readable.mark_decision_done(row.name, "  ")
		readable.mark_decision_done(row.name, "已调剂两名工作人员到岗")
		with self.assertRaises(meetings_error()):
			readable.mark_decision_done(row.name, "再报一次")
		frappe.set_user("Administrator")
		done = frappe.get_doc("GS Joint Meeting", meeting.name).decisions[0]
		self.assertEqual((done.decision_status, done.done_by), ("Done", self.contact))
		frappe.db.delete(
			"Notification Log", {"document_type": "GS Joint Meeting", "document_name": meeting.name}
		)
		with self.freeze_time("2026-12-08 08:30:00"):
			meetings.remind_decisions()
		self.assertFalse(
			frappe.db.exists(
				"Notification Log", {"document_type": "GS Joint Meeting", "document_name": meeting.name}
			)
		)

	def test_the_minutes_print_in_chinese(self):
		from govservice.api.printing import download_pdf
		from govservice.casework.test_printing import pdf_text

		meeting = self.meeting()
		meeting.summary = "会议听取了十一月代办工作情况汇报<script>alert(1)</script>"
		meeting.append(
			"decisions",
			{
				"decision": "督促民政局按期答复",
				"owner_department": self.department,
				"deadline_date": "2026-12-15",
			},
		)
		meeting.save()
		lang = frappe.local.lang
		frappe.local.lang = "zh"
		try:
			text = pdf_text(download_pdf("GS Joint Meeting", meeting.name, "GS Joint Meeting Minutes").data)
		finally:
			frappe.local.lang = lang
		for phrase in (
			"联席会议纪要",
			"督促民政局",
			"联席测试民政局",
			"2026年12月15日",
			"十一月代办工作",
		):
			self.assertIn(phrase, text)
		frappe.set_user(self.agent)
		with self.assertRaises(frappe.PermissionError):
			download_pdf("GS Joint Meeting", meeting.name, "GS Joint Meeting Minutes")


def meetings_error():
	from govservice.supervision.doctype.gs_joint_meeting.gs_joint_meeting import MeetingError

	return MeetingError
