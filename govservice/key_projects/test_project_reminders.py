"""限时办结 for key projects: reminders before each approval's and stage's due date to the department, the lead
unit and the liaison agent, escalation when overdue, on working days, each sent once."""

import frappe

from govservice.key_projects.reminders import send_project_reminders
from govservice.key_projects.test_key_projects import MONDAY, KeyProjectTestCase
from govservice.tests.utils import make_department_liaison, make_user


class TestProjectReminders(KeyProjectTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.town_supervisor = make_user("kp.town.sup@test.govservice", roles=("GS Supervisor",))
		cls.county_supervisor = make_user("kp.county.sup@test.govservice", roles=("GS Supervisor",))
		for centre, user in ((cls.town, cls.town_supervisor), ("项目县", cls.county_supervisor)):
			doc = frappe.get_doc("GS Service Centre", centre)
			doc.supervisor = user
			doc.save()
		cls.planning_leader = make_user(
			"kp.planning.leader@test.govservice", roles=("GS Department Contact",)
		)
		make_department_liaison(cls.planning, cls.planning_contact, cls.planning_leader)
		settings = frappe.get_single("GS Settings")
		settings.enable_project_reminders = 1
		settings.escalate_overdue_cases = 1
		settings.save()

	def project_accepted_on_monday(self):
		with self.freeze_time(MONDAY, tick=True):
			project = self.accepted()
		frappe.set_user("Administrator")
		due = {row.item_name: str(row.due_date) for row in project.approvals if row.due_date}
		self.assertEqual(due["项目核准"], "2026-06-15")  # 10 working days
		self.assertEqual(due["环评审批"], "2026-06-17")
		self.assertEqual(str(project.stages[0].due_date), "2026-06-30")  # the stage's 20 working days
		return project

	def run_on(self, day: str) -> dict:
		with self.freeze_time(f"{day} 08:30:00"):
			return send_project_reminders()

	def sent(self, project) -> list[tuple[str, str, str]]:
		return [
			(r.target_label, r.kind, str(r.due_date))
			for r in frappe.get_all(
				"GS Project Reminder",
				filters={"key_project": project.name},
				fields=["target_label", "kind", "due_date"],
				order_by="creation asc, target_label asc",
			)
		]

	def notified(self, project) -> set[str]:
		return set(
			frappe.get_all(
				"Notification Log",
				filters={"document_type": "GS Key Project", "document_name": project.name},
				pluck="for_user",
			)
		)

	def test_due_soon_due_today_overdue_each_sent_once_and_escalated(self):
		project = self.project_accepted_on_monday()

		self.run_on("2026-06-12")  # Friday: 项目核准 is due on Monday
		self.assertEqual(self.sent(project), [("项目核准", "Due Tomorrow", "2026-06-15")])
		self.assertEqual(self.notified(project), {self.agent_user, self.planning_contact})
		self.run_on("2026-06-12")  # a second run sends nothing
		self.assertEqual(self.run_on("2026-06-13"), {})  # Saturday: no run
		self.assertEqual(len(self.sent(project)), 1)

		self.run_on("2026-06-15")
		self.assertEqual(self.sent(project)[-1], ("项目核准", "Due Today", "2026-06-15"))

		self.run_on("2026-06-16")  # 项目核准 overdue; 环评审批 due tomorrow
		self.assertIn(("项目核准", "Overdue", "2026-06-15"), self.sent(project))
		self.assertIn(("环评审批", "Due Tomorrow", "2026-06-17"), self.sent(project))
		self.assertEqual(
			self.notified(project),
			{
				self.agent_user,
				self.planning_contact,
				self.housing_contact,  # 环评审批 is the housing bureau's
				self.planning_leader,
				self.town_supervisor,
				self.county_supervisor,  # escalated to the level above
			},
		)
		project = frappe.get_doc("GS Key Project", project.name)
		by_name = {row.item_name: row for row in project.approvals}
		self.assertTrue(by_name["项目核准"].is_escalated)
		self.assertFalse(by_name["环评审批"].is_escalated)

		# the planning bureau records 项目核准: it is no longer reminded of; the escalation was written once
		frappe.set_user(self.planning_contact)
		with self.freeze_time("2026-06-17 10:00:00"):
			project.record_approval(by_name["项目核准"].name, "核准〔2026〕12号")
		frappe.set_user("Administrator")
		before = len(self.sent(project))
		self.run_on("2026-06-17")
		self.run_on("2026-06-17")
		after = self.sent(project)[before:]
		self.assertEqual(after, [("环评审批", "Due Today", "2026-06-17")])
		escalations = frappe.get_all(
			"Comment",
			filters={
				"reference_doctype": "GS Key Project",
				"reference_name": project.name,
				"content": ["like", "%escalated%"],
			},
		)
		self.assertEqual(len(escalations), 1)

	def test_a_stage_past_its_limit_reminds_the_lead_unit(self):
		project = self.project_accepted_on_monday()
		self.run_on("2026-07-01")
		stage_rows = [row for row in self.sent(project) if row[0] == "立项用地规划许可"]
		self.assertEqual(stage_rows, [("立项用地规划许可", "Overdue", "2026-06-30")])
		reminder = frappe.get_all(
			"GS Project Reminder",
			filters={"key_project": project.name, "target": "Stage"},
			fields=["recipients", "township_centre", "county_centre", "department"],
		)[0]
		self.assertEqual(reminder.department, self.planning)
		self.assertEqual((reminder.township_centre, reminder.county_centre), (self.town, "项目县"))
		for user in (self.agent_user, self.planning_contact, self.planning_leader, self.town_supervisor):
			self.assertIn(user, reminder.recipients)
		self.assertTrue(frappe.get_doc("GS Key Project", project.name).stages[0].is_escalated)

	def test_reminders_are_read_within_the_supervisors_scope(self):
		project = self.project_accepted_on_monday()
		self.run_on("2026-06-16")
		other = make_user("kp.other.sup@test.govservice", roles=("GS Supervisor",))
		doc = frappe.get_doc("GS Service Centre", self.other_town)
		doc.supervisor = other
		doc.save()
		for user, expected in ((self.town_supervisor, True), (other, False)):
			frappe.set_user(user)
			names = frappe.get_list(
				"GS Project Reminder", filters={"key_project": project.name}, pluck="name"
			)
			self.assertEqual(bool(names), expected, user)
			frappe.set_user("Administrator")

	def test_names_reach_the_desk_notification_as_text(self):
		with self.freeze_time(MONDAY, tick=True):
			project = self.accepted()
		frappe.set_user("Administrator")
		frappe.db.set_value(
			"GS Key Project", project.name, "project_name", '<a href="https://example.com">点此</a>'
		)
		self.run_on("2026-06-12")
		subjects = frappe.get_all(
			"Notification Log",
			filters={"document_type": "GS Key Project", "document_name": project.name},
			pluck="subject",
		)
		self.assertTrue(subjects)
		for subject in subjects:
			self.assertNotIn("<a ", subject)
			self.assertIn("&lt;a href=", subject)  # written past the input rules: escaped in the message


class TestCommitmentsAndDeferredMaterials(KeyProjectTestCase):
	"""告知承诺制 shortens the approval and opens its verification, reminded; 容缺 materials are promised by a
	date, reminded, and hold their stage (or the licence) until they arrive."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		settings = frappe.get_single("GS Settings")
		settings.enable_project_reminders = 1
		settings.save()

	def planned_with(self, decisions: dict, deferred: list[dict] | None = None):
		project = self.planned()
		for row in project.approvals:
			row.update(decisions.get(row.item_name, {}))
		for values in deferred or []:
			project.append("deferred_items", values)
		frappe.set_user(self.agent_user)
		project.save()
		frappe.set_user("Administrator")
		return frappe.get_doc("GS Key Project", project.name)

	def reminders_of(self, project, target: str) -> list[tuple[str, str]]:
		return [
			(r.kind, str(r.due_date))
			for r in frappe.get_all(
				"GS Project Reminder",
				filters={"key_project": project.name, "target": target},
				fields=["kind", "due_date"],
				order_by="creation asc",
			)
		]

	def test_a_commitment_is_decided_the_same_day_and_verified_after(self):
		with self.freeze_time(MONDAY, tick=True):
			project = self.planned_with(
				{"项目核准": {"decision": "Commitment", "commitment_limit_days": 0, "verification_days": 5}}
			)
			frappe.set_user(self.agent_user)
			project.accept_stage()
			project = frappe.get_doc("GS Key Project", project.name)
		rows = {row.item_name: row for row in project.approvals}
		self.assertEqual(str(rows["项目核准"].due_date), "2026-06-01")  # same day, not 10 working days on
		frappe.set_user(self.planning_contact)
		with self.freeze_time(MONDAY, tick=True):
			project.record_approval(rows["项目核准"].name, "鹤发改承诺〔2026〕1号")
			project = frappe.get_doc("GS Key Project", project.name)
		row = next(r for r in project.approvals if r.item_name == "项目核准")
		self.assertEqual(str(row.verification_due), "2026-06-08")  # 5 working days after 1 June
		frappe.set_user("Administrator")
		with self.freeze_time("2026-06-05 08:30:00"):
			send_project_reminders()
		with self.freeze_time("2026-06-09 08:30:00"):
			send_project_reminders()
		self.assertEqual(
			self.reminders_of(project, "Commitment Verification"),
			[("Due Tomorrow", "2026-06-08"), ("Overdue", "2026-06-08")],
		)
		frappe.set_user(self.housing_contact)  # not its department
		with self.assertRaises(frappe.PermissionError):
			project.record_verification(row.name, "Commitment Met")
		frappe.set_user(self.planning_contact)
		with self.assertRaises(frappe.ValidationError):  # not met: say what and what follows
			project.record_verification(row.name, "Commitment Not Met")
		with self.freeze_time("2026-06-09 10:00:00", tick=True):
			project.record_verification(row.name, "Commitment Met", "现场核查，承诺事项已落实")
		project = frappe.get_doc("GS Key Project", project.name)
		row = next(r for r in project.approvals if r.item_name == "项目核准")
		self.assertEqual((row.verification_outcome, str(row.verified_on)), ("Commitment Met", "2026-06-09"))
		with self.assertRaises(frappe.ValidationError):  # once
			project.record_verification(row.name, "Commitment Not Met", "再次核查")
		frappe.set_user("Administrator")
		with self.freeze_time("2026-06-10 08:30:00"):
			send_project_reminders()
		self.assertEqual(len(self.reminders_of(project, "Commitment Verification")), 2)

	def test_a_deferred_material_holds_its_stage_until_it_arrives(self):
		with self.assertRaises(frappe.ValidationError):  # only an approval handled with 容缺 defers
			self.planned_with(
				{},
				[{"item_name": "用地预审", "material_name": "勘测定界报告", "promised_date": "2026-06-05"}],
			)
		with self.freeze_time(MONDAY, tick=True):
			project = self.planned_with(
				{"用地预审": {"decision": "Deferred Materials"}},
				[{"item_name": " 用地预审 ", "material_name": "勘测定界报告", "promised_date": "2026-06-05"}],
			)
			frappe.set_user(self.agent_user)
			project.accept_stage()
		frappe.set_user(self.planning_contact)
		with self.freeze_time("2026-06-03 10:00:00", tick=True):
			for item in ("项目核准", "用地预审"):
				project = frappe.get_doc("GS Key Project", project.name)
				project.record_approval(next(r.name for r in project.approvals if r.item_name == item))
		project = frappe.get_doc("GS Key Project", project.name)
		self.assertEqual(project.stages[0].stage_status, "Open")  # held by the material
		self.assertEqual(project.stages[1].stage_status, "Not Started")
		self.assertEqual(project.deferred_items[0].department, self.planning)
		frappe.set_user("Administrator")
		with self.freeze_time("2026-06-04 08:30:00"):
			send_project_reminders()
		self.assertEqual(self.reminders_of(project, "Deferred Material"), [("Due Tomorrow", "2026-06-05")])
		project.stages[0].stage_status = "Completed"  # a forged close is refused
		with self.assertRaises(frappe.ValidationError):
			project.save()
		frappe.set_user(self.housing_contact)  # not its department
		project = frappe.get_doc("GS Key Project", project.name)
		with self.assertRaises(frappe.PermissionError):
			project.receive_deferred(project.deferred_items[0].name)
		frappe.set_user(self.agent_user)
		with self.freeze_time("2026-06-05 10:00:00", tick=True):
			project.receive_deferred(project.deferred_items[0].name)
		project = frappe.get_doc("GS Key Project", project.name)
		self.assertEqual(str(project.deferred_items[0].received_on), "2026-06-05")
		self.assertEqual(project.stages[0].stage_status, "Completed")
		self.assertEqual(project.stages[1].stage_status, "Open")
		with self.assertRaises(frappe.ValidationError):  # received once
			project.receive_deferred(project.deferred_items[0].name)

	def test_a_deferred_material_may_hold_the_licence_itself(self):
		with self.freeze_time(MONDAY, tick=True):
			project = self.planned_with(
				{"用地预审": {"decision": "Deferred Materials"}},
				[
					{
						"item_name": "用地预审",
						"material_name": "勘测定界报告",
						"promised_date": "2026-06-05",
						"blocks": "Licence Issue",
					}
				],
			)
			frappe.set_user(self.agent_user)
			project.accept_stage()
		project = frappe.get_doc("GS Key Project", project.name)
		row = next(r for r in project.approvals if r.item_name == "用地预审")
		frappe.set_user(self.planning_contact)
		with self.freeze_time("2026-06-03 10:00:00", tick=True):
			with self.assertRaises(frappe.ValidationError):
				project.record_approval(row.name)
			project.receive_deferred(project.deferred_items[0].name)
			project = frappe.get_doc("GS Key Project", project.name)
			project.record_approval(row.name)
		project = frappe.get_doc("GS Key Project", project.name)
		self.assertEqual(
			next(r for r in project.approvals if r.item_name == "用地预审").approval_status, "Approved"
		)
