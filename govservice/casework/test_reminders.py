import datetime

import frappe
from frappe.model.workflow import apply_workflow

from govservice.casework.doctype.gs_case.test_gs_case import CaseTestCase, ledger
from govservice.casework.reminders import send_case_reminders
from govservice.tests.utils import make_agent, make_outgoing_email_account, make_user


class TestCaseReminders(CaseTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.backup = make_agent("rem.backup@test.govservice", cls.village)
		agent = frappe.get_doc("GS Agent", cls.agent)
		agent.backup_agent = cls.backup.name
		agent.save()
		for centre, email in (
			(cls.village, "rem.village.sup@test.govservice"),
			(cls.town, "rem.town.sup@test.govservice"),
		):
			make_user(email, roles=("GS Supervisor",))
			doc = frappe.get_doc("GS Service Centre", centre)
			doc.supervisor = email
			doc.save()
		make_outgoing_email_account()
		settings = frappe.get_single("GS Settings")
		settings.enable_case_reminders = 1
		settings.escalate_overdue_cases = 1
		settings.save()

	def accepted_case(self):
		with self.freeze_time("2026-09-30 09:00:00"):
			case = self.receive(self.new_case())
			case = apply_workflow(frappe.get_doc("GS Case", case.name), "Accept")
		self.assertEqual(str(case.deadline_date), "2026-10-13")
		return case

	def notified(self, case) -> set[str]:
		return set(
			frappe.get_all(
				"Notification Log",
				filters={"document_type": "GS Case", "document_name": case.name},
				pluck="for_user",
			)
		)

	def run_on(self, day: str):
		with self.freeze_time(f"{day} 08:30:00"):
			return send_case_reminders()

	def test_due_soon_due_today_overdue_each_sent_once(self):
		case = self.accepted_case()
		agent_user = frappe.db.get_value("GS Agent", self.agent, "user")

		self.assertEqual(self.run_on("2026-10-12")["Due Tomorrow"], 1)
		self.assertEqual(self.notified(case), {agent_user, self.backup.user})
		self.assertEqual(self.run_on("2026-10-12").get("Due Tomorrow", 0), 0)  # a second run sends nothing

		self.assertEqual(self.run_on("2026-10-13")["Due Today"], 1)
		self.assertEqual(self.run_on("2026-10-13"), {})

		self.assertEqual(self.run_on("2026-10-14")["Overdue"], 1)
		self.assertEqual(
			self.notified(case),
			{agent_user, self.backup.user, "rem.village.sup@test.govservice", "rem.town.sup@test.govservice"},
		)
		self.assertTrue(frappe.db.get_value("GS Case", case.name, "is_escalated"))
		self.assertEqual(ledger(case.name).count("Escalated"), 1)
		self.run_on("2026-10-15")
		self.assertEqual(ledger(case.name).count("Escalated"), 1)
		kinds = frappe.get_all(
			"GS Case Reminder", filters={"gs_case": case.name}, pluck="kind", order_by="sent_on asc"
		)
		self.assertEqual(kinds, ["Due Tomorrow", "Due Today", "Overdue"])
		self.assertTrue(frappe.db.exists("Email Queue", {"message": ["like", f"%{case.name}%"]}))

	def test_names_reach_the_desk_notification_as_text(self):
		with self.freeze_time("2026-09-30 09:00:00"):
			case = self.receive(self.new_case(applicant_name='<a href="https://example.com">王五</a>'))
			case = apply_workflow(frappe.get_doc("GS Case", case.name), "Accept")
		self.run_on("2026-10-12")
		subjects = frappe.get_all(
			"Notification Log",
			filters={
				"document_type": "GS Case",
				"document_name": case.name,
				"subject": ["like", f"{case.name}%"],
			},
			pluck="subject",
		)
		self.assertTrue(subjects)
		for subject in subjects:  # the desk shows it as HTML: the citizen's name is text there
			self.assertNotIn("<a ", subject)
			self.assertIn("＜a href=", subject)  # typed text is plain text: no tag, shown as typed

	def test_no_reminders_on_days_off_or_for_paused_cases(self):
		case = self.accepted_case()
		self.assertEqual(self.run_on("2026-10-11"), {})  # Sunday
		frappe.db.set_value("GS Case", case.name, "is_paused", 1)
		self.assertNotIn(case.name, {r for r in frappe.get_all("GS Case Reminder", pluck="gs_case")})
		result = self.run_on("2026-10-13")
		self.assertFalse(frappe.db.exists("GS Case Reminder", {"gs_case": case.name}))
		self.assertIsInstance(result, dict)

	def test_switched_off_in_settings(self):
		case = self.accepted_case()
		frappe.db.set_single_value("GS Settings", "enable_case_reminders", 0)
		frappe.clear_document_cache("GS Settings", "GS Settings")
		try:
			self.assertEqual(self.run_on("2026-10-13"), {})
			self.assertFalse(frappe.db.exists("GS Case Reminder", {"gs_case": case.name}))
		finally:
			frappe.db.set_single_value("GS Settings", "enable_case_reminders", 1)
			frappe.clear_document_cache("GS Settings", "GS Settings")

	def test_new_deadline_gets_new_reminders(self):
		case = self.accepted_case()
		self.run_on("2026-10-13")
		frappe.db.set_value("GS Case", case.name, "deadline_date", datetime.date(2026, 10, 14))
		self.assertEqual(self.run_on("2026-10-13")["Due Tomorrow"], 1)
