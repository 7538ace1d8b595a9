import datetime

import frappe
from frappe.utils import getdate

from govservice.complaints.doctype.gs_complaint.gs_complaint import ComplaintError
from govservice.complaints.escalation import escalate_stalled_complaints
from govservice.organisation.doctype.gs_calendar_year.gs_calendar_year import ensure_calendar_years
from govservice.tests.utils import FrappeTestCase, make_department, make_outgoing_email_account, make_user


class ComplaintTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_calendar_years([2026, 2027])
		make_outgoing_email_account()
		cls.window = make_user("bbc.window@test.govservice", roles=("GS Window Officer",))
		cls.supervisory = make_user("bbc.supervisory@test.govservice", roles=("GS Supervisory Officer",))
		cls.reporter = make_user("bbc.reporter@test.govservice")
		cls.other_reporter = make_user("bbc.other@test.govservice")
		for user in (cls.reporter, cls.other_reporter):
			frappe.db.set_value("User", user, "user_type", "Website User")
			frappe.get_doc("User", user).add_roles("GS Portal User")
		cls.departments = {}
		for key, name in (("social", "测试人社局"), ("civil", "测试民政局")):
			department = make_department(name)
			contact = make_user(f"bbc.{key}.contact@test.govservice")
			leader = make_user(f"bbc.{key}.leader@test.govservice")
			if not frappe.db.exists("GS Department Liaison", department):
				frappe.get_doc(
					{
						"doctype": "GS Department Liaison",
						"department": department,
						"leader_name": f"{name}分管领导",
						"leader_phone": "0718-8000001",
						"leader_user": leader,
						"contact_name": f"{name}联系人",
						"contact_phone": "13800000002",
						"contact_user": contact,
					}
				).insert()
			cls.departments[key] = (department, contact, leader)

	def register(self, **values):
		doc = frappe.get_doc(
			{
				"doctype": "GS Complaint",
				"reporter_name": "张先生",
				"reporter_phone": "13900000000",
				"description": "社保转移接续三次未办成",
				"department": self.departments["social"][0],
				**values,
			}
		).insert()
		return frappe.get_doc("GS Complaint", doc.name)

	def classify(self, doc, classification, deadline=None):
		doc = frappe.get_doc("GS Complaint", doc.name)
		doc.classification = classification
		if deadline:
			doc.deadline_date = deadline
		doc.save()
		return frappe.get_doc("GS Complaint", doc.name)


class TestComplaintDeadlines(ComplaintTestCase):
	def test_deadlines_by_class_across_national_day(self):
		expected = {
			"Simple": datetime.date(2026, 10, 10),
			"General": datetime.date(2026, 10, 13),
			"Unsolvable": datetime.date(2026, 10, 10),
		}
		for classification, deadline in expected.items():
			doc = self.register(registered_on="2026-09-30 10:00:00")
			doc = self.classify(doc, classification)
			# 3 working days after 09-30: 10-08, 10-09, 10-10 (make-up Saturday); 5 reaches 10-13
			self.assertEqual(getdate(doc.deadline_date), deadline, classification)
			self.assertEqual(doc.deadline_set_by, "Administrator")

	def test_limits_are_settings(self):
		frappe.db.set_single_value("GS Settings", "simple_reply_days", 2)
		frappe.clear_document_cache("GS Settings", "GS Settings")
		try:
			doc = self.classify(self.register(registered_on="2026-02-13 10:00:00"), "Simple")
			# 02-14 is a make-up Saturday, then the Spring Festival: the 2nd working day is 02-24
			self.assertEqual(getdate(doc.deadline_date), datetime.date(2026, 2, 24))
		finally:
			frappe.db.set_single_value("GS Settings", "simple_reply_days", 3)
			frappe.clear_document_cache("GS Settings", "GS Settings")

	def test_complex_deadline_is_set_by_the_supervisory_department(self):
		doc = self.register()
		with self.assertRaises(ComplaintError):
			self.classify(doc, "Complex")
		frappe.set_user(self.window)
		try:
			with self.assertRaises(frappe.PermissionError):
				self.classify(doc, "Complex", "2026-12-31")
		finally:
			frappe.set_user("Administrator")
		frappe.set_user(self.supervisory)
		try:
			doc = self.classify(doc, "Complex", "2026-12-31")
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(doc.deadline_set_by, self.supervisory)
		self.assertTrue(doc.deadline_set_on)

	def test_out_of_scope_matters_record_where_to_go(self):
		with self.assertRaises(ComplaintError):
			self.register(is_in_scope=0)
		doc = self.register(
			is_in_scope=0, referral_department="县住房公积金中心", referral_contact="王科长 0718-8123456"
		)
		doc.inform_reporter()
		doc.close()
		self.assertEqual(frappe.db.get_value("GS Complaint", doc.name, "status"), "Closed")


class TestComplaintHandling(ComplaintTestCase):
	def test_dispatch_escalate_reply_inform_close(self):
		_department, contact, leader = self.departments["social"]
		doc = self.classify(self.register(), "General")
		doc.dispatch()
		self.assertEqual(doc.assigned_to, contact)
		self.assertTrue(
			frappe.db.exists("ToDo", {"reference_name": doc.name, "allocated_to": contact, "status": "Open"})
		)
		doc = frappe.get_doc("GS Complaint", doc.name)
		doc.escalate()
		self.assertEqual((doc.escalation_level, doc.assigned_to), ("Leader in Charge", leader))
		self.assertFalse(
			frappe.db.exists("ToDo", {"reference_name": doc.name, "allocated_to": contact, "status": "Open"})
		)
		doc = frappe.get_doc("GS Complaint", doc.name)
		doc.escalate()
		self.assertEqual(doc.escalation_level, "Supervisory Department")
		# every supervisory officer gets the matter (the set-up user may be one too)
		self.assertTrue(
			frappe.db.exists(
				"ToDo", {"reference_name": doc.name, "allocated_to": self.supervisory, "status": "Open"}
			)
		)
		with self.assertRaises(ComplaintError):
			frappe.get_doc("GS Complaint", doc.name).escalate()
		doc = frappe.get_doc("GS Complaint", doc.name)
		with self.assertRaises(ComplaintError):
			doc.close()
		doc.submit_reply("请携带身份证和社保卡到县人社局3号窗口,联系人李娜 0718-8000002")
		doc = frappe.get_doc("GS Complaint", doc.name)
		doc.inform_reporter()
		doc.close()
		history = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "GS Complaint", "reference_name": doc.name, "comment_type": "Info"},
			pluck="content",
		)
		self.assertGreaterEqual(
			len(history), 7
		)  # registered, classified, 3 hand-offs, replied, informed, closed

	def test_unsolvable_reply_needs_reasons(self):
		doc = self.classify(self.register(), "Unsolvable")
		doc.dispatch()
		doc = frappe.get_doc("GS Complaint", doc.name)
		with self.assertRaises(ComplaintError):
			doc.submit_reply("无法办理")
		doc.submit_reply("无法办理", "该事项须由省级部门审批,县级无审批权限")
		self.assertEqual(frappe.db.get_value("GS Complaint", doc.name, "status"), "Replied")

	def test_stalled_matters_escalate_once_per_wait(self):
		department, _contact, leader = self.departments["civil"]
		with self.freeze_time("2026-10-09 09:00:00"):
			doc = self.classify(self.register(department=department), "Simple")
			doc.dispatch()
		with self.freeze_time("2026-10-09 16:00:00"):
			escalate_stalled_complaints()
		self.assertEqual(
			frappe.db.get_value("GS Complaint", doc.name, "escalation_level"), "Department Contact"
		)
		with self.freeze_time("2026-10-10 08:30:00"):  # make-up Saturday: a working day
			escalate_stalled_complaints()
		self.assertEqual(frappe.db.get_value("GS Complaint", doc.name, "assigned_to"), leader)
		with self.freeze_time("2026-10-10 09:00:00"):
			escalate_stalled_complaints()
		self.assertEqual(
			frappe.db.get_value("GS Complaint", doc.name, "escalation_level"), "Leader in Charge"
		)
		with self.freeze_time("2026-10-14 08:30:00"):  # past the 10-13 deadline
			result = escalate_stalled_complaints()
		self.assertEqual(
			frappe.db.get_value("GS Complaint", doc.name, "escalation_level"), "Supervisory Department"
		)
		self.assertTrue(frappe.db.get_value("GS Complaint", doc.name, "is_overdue"))
		self.assertGreaterEqual(result["overdue"], 1)


class TestComplaintPermissions(ComplaintTestCase):
	def test_department_contacts_see_only_matters_dispatched_to_them(self):
		social, civil = self.departments["social"], self.departments["civil"]
		mine = self.classify(self.register(), "Simple")
		mine.dispatch()
		not_dispatched = self.classify(self.register(), "Simple")
		theirs = self.classify(self.register(department=civil[0]), "Simple")
		theirs.dispatch()
		self.assertIn("GS Department Contact", frappe.get_roles(social[1]))
		frappe.set_user(social[1])
		try:
			visible = set(frappe.get_list("GS Complaint", pluck="name"))
			self.assertIn(mine.name, visible)
			self.assertNotIn(not_dispatched.name, visible)
			self.assertNotIn(theirs.name, visible)
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc("GS Complaint", theirs.name).check_permission("read")
			frappe.get_doc("GS Complaint", mine.name).submit_reply("已电话联系并办结")
		finally:
			frappe.set_user("Administrator")

	def test_reporters_see_only_their_own(self):
		own = self.register(portal_user=self.reporter, channel="Online Portal")
		other = self.register(portal_user=self.other_reporter, channel="Online Portal")
		frappe.set_user(self.reporter)
		try:
			self.assertEqual(set(frappe.get_list("GS Complaint", pluck="name")), {own.name})
			self.assertTrue(frappe.has_permission("GS Complaint", "read", doc=own.name))
			self.assertFalse(frappe.has_permission("GS Complaint", "read", doc=other.name))
			self.assertFalse(frappe.has_permission("GS Complaint", "write", doc=own.name))
		finally:
			frappe.set_user("Administrator")

	def test_window_staff_register_and_the_supervisory_department_sees_all(self):
		frappe.set_user(self.window)
		try:
			doc = self.classify(self.register(), "General")
		finally:
			frappe.set_user("Administrator")
		frappe.set_user(self.supervisory)
		try:
			self.assertIn(doc.name, set(frappe.get_list("GS Complaint", pluck="name")))
		finally:
			frappe.set_user("Administrator")


class TestComplaintReports(ComplaintTestCase):
	def week_of_matters(self):
		# Frappe runs assignment notifications as "now" jobs that commit in tests, so matters from earlier
		# runs can survive the rollback; the week under test starts empty.
		frappe.db.delete(
			"GS Complaint", {"registered_on": ["between", ["2026-10-12", "2026-10-18 23:59:59"]]}
		)
		social, civil = self.departments["social"][0], self.departments["civil"][0]
		with self.freeze_time("2026-10-12 09:00:00", tick=True):
			replied = self.classify(self.register(registered_on="2026-10-12 09:00:00"), "Simple")
			replied.dispatch()
			frappe.get_doc("GS Complaint", replied.name).submit_reply("请到3号窗口办理")
			late = self.classify(
				self.register(registered_on="2026-10-12 10:00:00", description="低保认定材料反复退回"),
				"Simple",
			)
			late.dispatch()
			other = self.classify(
				self.register(registered_on="2026-10-13 10:00:00", department=civil), "General"
			)
		return replied, late, other, social, civil

	def test_tracking_ledger_and_weekly_summary(self):
		from frappe.desk.query_report import run as run_report

		from govservice.complaints.utils import weekly_summary

		replied, late, other, social, civil = self.week_of_matters()
		with self.freeze_time("2026-10-19 09:00:00"):
			result = run_report(
				"Complaint Tracking Ledger", filters={"from_date": "2026-10-12", "to_date": "2026-10-18"}
			)
			progress = {row["name"]: row["outcome"] for row in result["result"]}
			summary = weekly_summary(datetime.date(2026, 10, 12), datetime.date(2026, 10, 18))
		self.assertEqual(progress[replied.name], "Replied")
		self.assertEqual(progress[late.name], "Overdue")  # deadline 10-15 passed without a reply
		self.assertEqual(progress[other.name], "In Hand")  # 5 working days: due 10-20
		self.assertEqual(summary["total"], 3)
		self.assertEqual(summary["by_class"], {"Simple": 2, "General": 1})
		# departments by the names people use (县人社局), not ERPNext's names with the company suffix
		social, civil = (frappe.db.get_value("Department", d, "department_name") for d in (social, civil))
		self.assertEqual(summary["by_department"], {social: 2, civil: 1})
		self.assertEqual([row.name for row in summary["overdue"]], [late.name])
		self.assertIn(social, summary["bottlenecks"])  # two matters, one late
		self.assertNotIn(civil, summary["bottlenecks"])

	def test_weekly_reports_are_auto_email_reports(self):
		from govservice.complaints.setup import ensure_weekly_reports

		late = self.week_of_matters()[1]
		names = ensure_weekly_reports(["bbc.supervisory@test.govservice"])
		self.assertEqual(names, ensure_weekly_reports(["bbc.supervisory@test.govservice"]))
		reports = {
			frappe.db.get_value("Auto Email Report", n, "report"): frappe.get_doc("Auto Email Report", n)
			for n in names
		}
		self.assertEqual(reports["Complaint Tracking Ledger"].day_of_week, "Friday")
		self.assertEqual(reports["Complaint Weekly Summary"].day_of_week, "Monday")
		with self.freeze_time("2026-10-16 17:00:00"):
			ledger = reports["Complaint Weekly Summary"]
			ledger.format = "HTML"
			content = ledger.get_report_content()
		self.assertIn(late.name, content)

	def test_tracking_ledger_pdf(self):
		from govservice.api.printing import complaint_ledger_pdf
		from govservice.casework.test_printing import pdf_text

		_replied, late, _other, _social, _civil = self.week_of_matters()
		lang = frappe.local.lang
		frappe.local.lang = "zh"
		try:
			with self.freeze_time("2026-10-19 09:00:00"):
				response = complaint_ledger_pdf("2026-10-12", "2026-10-18")
			text = pdf_text(response.data)
		finally:
			frappe.local.lang = lang
		for phrase in ("处理进度跟踪台账", late.name, "低保认定材料反复退回", "已超期"):
			self.assertIn(phrase, text)
		frappe.set_user(self.reporter)
		try:
			with self.assertRaises(frappe.PermissionError):
				complaint_ledger_pdf("2026-10-12", "2026-10-18")
		finally:
			frappe.set_user("Administrator")

	def test_registration_form_pdf(self):
		from govservice.api.printing import render_pdf
		from govservice.casework.test_printing import pdf_text

		doc = self.classify(self.register(description="不动产登记预约三次未成功"), "General")
		lang = frappe.local.lang
		frappe.local.lang = "zh"
		try:
			text = pdf_text(render_pdf("GS Complaint", doc.name, "GS Complaint Registration Form"))
		finally:
			frappe.local.lang = lang
		for phrase in ("“办不成事”事项登记表", "不动产登记预约三次未成功", "一般问题(承诺件)"):
			self.assertIn(phrase, text)


class TestComplaintRemindersAndDepartments(ComplaintTestCase):
	def test_reminders_before_and_after_the_deadline_once_each(self):
		frappe.db.set_single_value("GS Settings", "window_lead", self.window)
		frappe.clear_document_cache("GS Settings", "GS Settings")
		department = self.departments["civil"][0]
		with self.freeze_time("2026-11-02 09:00:00"):
			# a citizen's name goes into the desk's notification as text, not markup
			reporter = '<a href="https://example.com">张先生</a>'
			doc = self.classify(self.register(department=department, reporter_name=reporter), "Simple")
			doc.dispatch()  # due 11-05

		def notified():
			return sorted(
				frappe.get_all(
					"Notification Log",
					filters={
						"document_type": "GS Complaint",
						"document_name": doc.name,
						"subject": ["like", f"{doc.name}%"],
					},
					pluck="for_user",
				)
			)

		for day in ("2026-11-04", "2026-11-04"):  # the day before the deadline, twice
			with self.freeze_time(f"{day} 08:30:00"):
				escalate_stalled_complaints()
		self.assertEqual(notified().count(self.window), 1)
		with self.freeze_time("2026-11-06 08:30:00"):
			escalate_stalled_complaints()
		with self.freeze_time("2026-11-09 08:30:00"):
			escalate_stalled_complaints()
		self.assertEqual(notified().count(self.window), 2)
		for subject in frappe.get_all(
			"Notification Log",
			filters={"document_name": doc.name, "subject": ["like", f"{doc.name}%"]},
			pluck="subject",
		):
			self.assertNotIn("<a ", subject)
			self.assertIn("＜a href=", subject)  # typed text is plain text: no tag, shown as typed
		doc.reload()
		self.assertTrue(doc.reminded_before_deadline and doc.reminded_after_deadline and doc.is_overdue)

	def test_departments_that_repeatedly_miss_deadlines(self):
		from frappe.desk.query_report import run as run_report

		department = make_department("测试市场监管局")
		frappe.db.delete("GS Complaint", {"department": department})
		for registered in ("2026-06-01 09:00:00", "2026-06-08 09:00:00", "2026-06-15 09:00:00"):
			self.classify(self.register(department=department, registered_on=registered), "Simple")
		with self.freeze_time("2026-07-01 09:00:00"):
			result = run_report(
				"Departments Missing Deadlines", filters={"from_date": "2026-06-01", "to_date": "2026-06-30"}
			)
		row = next(r for r in result["result"] if r["department"] == department)
		self.assertEqual(
			(row["total"], row["open"], row["overdue"], row["missed"], row["repeatedly_late"]),
			(3, 3, 3, 3, 1),
		)


class TestComplaintDashboard(ComplaintTestCase):
	def test_number_cards_count_open_and_overdue_matters(self):
		from frappe.desk.doctype.number_card.number_card import get_result

		open_before = get_result(frappe.get_doc("Number Card", "Open Complaints"), None)
		overdue_before = get_result(frappe.get_doc("Number Card", "Overdue Complaints"), None)
		doc = self.classify(self.register(), "Simple")
		frappe.db.set_value("GS Complaint", doc.name, "is_overdue", 1)
		self.assertEqual(get_result(frappe.get_doc("Number Card", "Open Complaints"), None), open_before + 1)
		self.assertEqual(
			get_result(frappe.get_doc("Number Card", "Overdue Complaints"), None), overdue_before + 1
		)
		self.assertTrue(frappe.db.exists("Dashboard Chart", "Open Complaints by Department"))
