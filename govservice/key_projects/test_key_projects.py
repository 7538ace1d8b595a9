"""重点项目全程代办: entrustment, the plan from a template, parallel approvals by stage, plan changes with a
reason, and who sees and acts on a project."""

import frappe

from govservice.key_projects.actions import ProjectActionError
from govservice.organisation.doctype.gs_calendar_year.gs_calendar_year import ensure_calendar_years
from govservice.tests.utils import (
	FrappeTestCase,
	make_agent,
	make_centre,
	make_department,
	make_department_liaison,
	make_key_project,
	make_plan_template,
	make_user,
)

MONDAY = "2026-06-01 09:00:00"


class KeyProjectTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_calendar_years([2026, 2027])
		county = make_centre("项目县", "County")
		cls.town = make_centre("项目镇", "Township", county)
		cls.other_town = make_centre("项目邻镇", "Township", county)
		cls.agent = make_agent("kp.agent@test.govservice", cls.town).name
		cls.agent_user = frappe.db.get_value("GS Agent", cls.agent, "user")
		cls.other_agent = make_agent("kp.other@test.govservice", cls.other_town).name
		cls.other_user = frappe.db.get_value("GS Agent", cls.other_agent, "user")
		cls.planning = make_department("项目测试自然资源局")
		cls.housing = make_department("项目测试住建局")
		cls.planning_contact = make_user("kp.planning@test.govservice", roles=("GS Department Contact",))
		cls.housing_contact = make_user("kp.housing@test.govservice", roles=("GS Department Contact",))
		make_department_liaison(cls.planning, cls.planning_contact)
		make_department_liaison(cls.housing, cls.housing_contact)
		cls.template = make_plan_template(
			"测试核准类项目流程",
			"Enterprise Approval",
			[("立项用地规划许可", cls.planning, 20), ("工程建设许可", cls.housing, 15)],
			[
				("立项用地规划许可", "项目核准", cls.planning, 10, 1, 1),
				("立项用地规划许可", "用地预审", cls.planning, 15, 1, 1),
				("立项用地规划许可", "环评审批", cls.housing, 12, 1, 0),
				("工程建设许可", "建设工程规划许可证", cls.planning, 10, 1, 1),
				("工程建设许可", "施工图审查", cls.housing, 8, 0, 1),
			],
		)

	def tearDown(self):
		frappe.set_user("Administrator")

	def new_project(self, **fields):
		frappe.set_user(self.agent_user)
		try:
			return make_key_project(self.town, self.agent, **fields)
		finally:
			frappe.set_user("Administrator")

	def planned(self):
		project = self.new_project()
		frappe.set_user(self.agent_user)
		project.apply_template(self.template)
		return frappe.get_doc("GS Key Project", project.name)

	def accepted(self):
		"""A planned project whose first stage the liaison agent has accepted, as stored."""
		project = self.planned()
		project.accept_stage()
		return frappe.get_doc("GS Key Project", project.name)


class TestEntrustment(KeyProjectTestCase):
	def test_the_owner_and_the_project_code_are_checked(self):
		with self.assertRaises(frappe.ValidationError):
			self.new_project(credit_code="91350100M000100Y44")
		with self.assertRaises(frappe.ValidationError):
			self.new_project(project_code="2026-422828-34-01-000123")  # 01 is 审批, not 核准
		with self.assertRaises(frappe.ValidationError):
			self.new_project(project_code="2026-992828-34-02-000123")  # no such province
		project = self.new_project(project_code=" 2026-422828-34-02-000123 ")
		self.assertEqual(project.project_code, "2026-422828-34-02-000123")
		self.assertEqual(project.status, "Entrusted")
		self.assertEqual(project.liaison_user, self.agent_user)

	def test_an_agent_files_at_their_own_centre_only(self):
		frappe.set_user(self.other_user)
		with self.assertRaises(frappe.PermissionError):
			make_key_project(self.town, self.other_agent)

	def test_projects_are_never_deleted(self):
		project = self.new_project()
		with self.assertRaises(frappe.PermissionError):
			frappe.delete_doc("GS Key Project", project.name)


class TestPrerequisites(KeyProjectTestCase):
	"""前置事项: 建设用地规划许可 needs 用地预审; 施工许可 (the next stage) needs 建设用地规划许可."""

	def template_with_prerequisites(self) -> str:
		name = "测试前置事项流程"
		if frappe.db.exists("GS Project Plan Template", name):
			return name
		template = frappe.get_doc(
			{
				"doctype": "GS Project Plan Template",
				"template_name": name,
				"project_type": "Enterprise Approval",
				"stages": [
					{"stage_name": "立项用地规划许可", "lead_department": self.planning, "limit_days": 30},
					{"stage_name": "施工许可", "lead_department": self.housing, "limit_days": 15},
				],
				"approvals": [
					self.approval("立项用地规划许可", "用地预审", self.planning, 15),
					self.approval(
						"立项用地规划许可", "建设用地规划许可", self.planning, 7, "  用地预审 ；用地预审"
					),
					self.approval("立项用地规划许可", "项目核准", self.housing, 10),
					self.approval("施工许可", "施工许可证", self.housing, 5, "建设用地规划许可"),
				],
			}
		)
		template.insert(ignore_permissions=True)
		return name

	@staticmethod
	def approval(stage, item, department, limit, prerequisites=None) -> dict:
		return {
			"stage_name": stage,
			"item_name": item,
			"department": department,
			"limit_days": limit,
			"is_parallel": 1,
			"is_required": 1,
			"prerequisites": prerequisites,
		}

	def test_a_plan_needs_only_approvals_before_it(self):
		for prerequisites in ("施工许可证", "建设用地规划许可", "不存在的审批"):  # later, itself, none
			template = frappe.get_doc(
				{
					"doctype": "GS Project Plan Template",
					"template_name": f"测试错误前置事项{prerequisites}",
					"project_type": "Enterprise Approval",
					"stages": [{"stage_name": "一", "lead_department": self.planning, "limit_days": 30}],
					"approvals": [
						self.approval("一", "建设用地规划许可", self.planning, 7, prerequisites),
						self.approval("一", "施工许可证", self.housing, 5),
					],
				}
			)
			with self.subTest(prerequisites=prerequisites), self.assertRaises(frappe.ValidationError):
				template.insert(ignore_permissions=True)
		# typed as people write lists: one form, each once
		stored = frappe.get_doc("GS Project Plan Template", self.template_with_prerequisites())
		self.assertEqual(stored.approvals[1].prerequisites, "用地预审")

	def test_an_approval_starts_and_is_granted_after_what_it_needs(self):
		with self.freeze_time(MONDAY, tick=True):
			project = self.new_project()
			frappe.set_user(self.agent_user)
			project.apply_template(self.template_with_prerequisites())
			project = frappe.get_doc("GS Key Project", project.name)
			project.accept_stage()
			project = frappe.get_doc("GS Key Project", project.name)
		rows = {row.item_name: row for row in project.approvals}
		pre, land, build = rows["用地预审"], rows["建设用地规划许可"], rows["施工许可证"]
		self.assertEqual((pre.approval_status, land.approval_status), ("In Progress", "Not Started"))
		self.assertEqual(land.prerequisites, "用地预审")
		# planned from 用地预审's due date (15 working days after 1 June), then 7 working days
		self.assertEqual(str(pre.due_date), "2026-06-23")
		self.assertEqual(str(land.planned_start), "2026-06-23")
		self.assertEqual(str(land.planned_finish), "2026-07-02")
		self.assertEqual(str(build.planned_start), "2026-07-02")
		self.assertTrue(pre.is_critical and land.is_critical and build.is_critical)
		self.assertFalse(rows["项目核准"].is_critical)
		frappe.set_user(self.planning_contact)
		with self.assertRaises(ProjectActionError):  # not started: 用地预审 is not granted
			project.record_approval(land.name)
		with self.freeze_time("2026-06-10 10:00:00", tick=True):
			project.record_approval(pre.name, "鹤自然资预〔2026〕3号")
			project = frappe.get_doc("GS Key Project", project.name)
		rows = {row.item_name: row for row in project.approvals}
		self.assertEqual(rows["建设用地规划许可"].approval_status, "In Progress")
		self.assertEqual(str(rows["建设用地规划许可"].started_on), "2026-06-10")
		# 7 working days from 10 June: the Dragon Boat Festival (19 June) does not count
		self.assertEqual(str(rows["建设用地规划许可"].due_date), "2026-06-22")
		comments = frappe.get_all(
			"Comment", filters={"reference_name": project.name, "comment_type": "Info"}, pluck="content"
		)
		self.assertTrue(any("建设用地规划许可" in c and "用地预审" not in c for c in comments), comments)
		# the housing bureau grants 项目核准; stage 1 still waits for 建设用地规划许可
		frappe.set_user(self.housing_contact)
		with self.freeze_time("2026-06-11 10:00:00", tick=True):
			project.record_approval(rows["项目核准"].name)
			project = frappe.get_doc("GS Key Project", project.name)
		self.assertEqual(project.stages[0].stage_status, "Open")
		frappe.set_user(self.planning_contact)
		with self.freeze_time("2026-06-12 10:00:00", tick=True):
			with self.assertRaises(ProjectActionError):  # not before what it needs was granted
				project.record_approval(rows["建设用地规划许可"].name, approved_on="2026-06-09")
			project.record_approval(rows["建设用地规划许可"].name)
			project = frappe.get_doc("GS Key Project", project.name)
		self.assertEqual(project.stages[1].stage_status, "Open")
		self.assertEqual(
			{row.item_name: row.approval_status for row in project.approvals}["施工许可证"], "In Progress"
		)


class TestLeadDepartment(KeyProjectTestCase):
	"""牵头部门: the planning bureau leads stage 1 — it receives the joint application (accepts the stage) and
	urges its co-approver; a department without a desk account has its decision recorded by the team."""

	def test_the_lead_department_accepts_its_stage_and_urges_a_co_approver(self):
		with self.freeze_time(MONDAY, tick=True):
			project = self.planned()
			frappe.set_user(self.housing_contact)  # leads stage 2, not stage 1
			with self.assertRaises(frappe.PermissionError):
				project.accept_stage()
			frappe.set_user(self.planning_contact)
			project.run_method("onload")
			self.assertEqual(project.get_onload().led_stages, ["立项用地规划许可"])
			project.accept_stage()
			project = frappe.get_doc("GS Key Project", project.name)
		self.assertEqual((project.status, project.stages[0].stage_status), ("In Approval", "Open"))
		row = next(r for r in project.approvals if r.item_name == "环评审批")  # the housing bureau's
		frappe.local.message_log = []
		with self.assertRaises(frappe.ValidationError):
			project.urge_approval(row.name, "  ")
		with self.freeze_time("2026-06-03 10:00:00", tick=True):
			project.urge_approval(row.name, "请于本周内出具<b>环评</b>批复")
		project = frappe.get_doc("GS Key Project", project.name)
		self.assertEqual(
			str(next(r for r in project.approvals if r.item_name == "环评审批").last_urged_on), "2026-06-03"
		)
		frappe.set_user("Administrator")
		told = frappe.get_all(
			"Notification Log",
			filters={"document_type": "GS Key Project", "document_name": project.name},
			fields=["for_user", "subject"],
		)
		self.assertIn(self.housing_contact, {n.for_user for n in told})
		self.assertTrue(all("<b>" not in n.subject for n in told))
		frappe.set_user(self.housing_contact)  # not the lead of stage 1
		with self.assertRaises(frappe.PermissionError):
			project.urge_approval(next(r.name for r in project.approvals if r.item_name == "项目核准"), "催")

	def test_the_team_records_for_a_department_without_a_desk_account(self):
		without = make_department("项目测试发改局")
		with self.freeze_time(MONDAY, tick=True):
			project = self.planned()
			next(r for r in project.approvals if r.item_name == "项目核准").department = without
			frappe.set_user(self.agent_user)
			project.save()
			project = frappe.get_doc("GS Key Project", project.name)
			project.accept_stage()
			project = frappe.get_doc("GS Key Project", project.name)
			rows = {r.item_name: r for r in project.approvals}
			project.record_approval(rows["项目核准"].name, "鹤发改核准〔2026〕2号")
			frappe.set_user(self.planning_contact)
			project = frappe.get_doc("GS Key Project", project.name)
			project.record_approval(rows["用地预审"].name)
		project = frappe.get_doc("GS Key Project", project.name)
		marked = {r.item_name: r.recorded_for_department for r in project.approvals if r.approved_on}
		self.assertEqual(marked, {"项目核准": 1, "用地预审": 0})


class TestWhatTheFormSays(KeyProjectTestCase):
	def test_a_stage_accepted_on_a_rest_day_says_when_its_limits_count(self):
		frappe.local.message_log = []
		with self.freeze_time("2026-06-06 10:00:00", tick=True):  # a Saturday
			project = self.accepted()
		self.assertEqual(str(project.accepted_on), "2026-06-06")
		said = " ".join(str(m) for m in frappe.local.message_log)
		self.assertIn("2026", said)
		self.assertIn("立项用地规划许可", said)
		frappe.local.message_log = []
		with self.freeze_time(MONDAY, tick=True):
			self.accepted()
		self.assertEqual(frappe.local.message_log, [])

	def test_a_department_is_offered_its_own_approvals_and_told_why_not_others(self):
		with self.freeze_time(MONDAY, tick=True):
			project = self.accepted()
		frappe.set_user(self.housing_contact)
		project = frappe.get_doc("GS Key Project", project.name)
		project.run_method("onload")
		offered = set(project.get_onload().actionable_approvals)
		self.assertEqual(offered, {row.name for row in project.approvals if row.department == self.housing})
		planning_row = next(row for row in project.approvals if row.department == self.planning)
		frappe.local.message_log = []
		with self.assertRaises(frappe.PermissionError):
			project.record_approval(planning_row.name)
		self.assertTrue(frappe.local.message_log)  # the reason, not Frappe's generic refusal
		frappe.set_user(self.agent_user)
		project.run_method("onload")
		self.assertEqual(
			set(project.get_onload().actionable_approvals), {row.name for row in project.approvals}
		)


class TestParallelApproval(KeyProjectTestCase):
	def test_a_stage_runs_in_parallel_and_opens_the_next(self):
		with self.freeze_time(MONDAY, tick=True):
			project = self.planned()
			self.assertEqual(len(project.stages), 2)
			self.assertEqual(project.serial_working_days, 10 + 15 + 12 + 10 + 8)
			project.accept_stage()
			project = frappe.get_doc("GS Key Project", project.name)
		self.assertEqual(project.status, "In Approval")
		self.assertEqual(str(project.accepted_on), "2026-06-01")
		first = [row for row in project.approvals if row.stage_name == "立项用地规划许可"]
		self.assertEqual({row.approval_status for row in first}, {"In Progress"})
		self.assertEqual({str(row.started_on) for row in first}, {"2026-06-01"})
		# 15 working days after 1 June: the Dragon Boat Festival (19 June) does not count
		by_name = {row.item_name: row for row in project.approvals}
		self.assertEqual(str(by_name["用地预审"].due_date), "2026-06-23")
		self.assertTrue(by_name["用地预审"].is_critical)
		self.assertFalse(by_name["项目核准"].is_critical)
		self.assertGreater(by_name["项目核准"].slack_days, 0)
		self.assertEqual(project.stages[1].stage_status, "Not Started")
		# the planning bureau's contact records its two approvals; the optional one does not hold the stage
		frappe.set_user(self.planning_contact)
		with self.freeze_time("2026-06-10 10:00:00", tick=True):
			project.record_approval(by_name["项目核准"].name, "鹤发改审批〔2026〕8号")
			project = frappe.get_doc("GS Key Project", project.name)
			self.assertEqual(project.stages[0].stage_status, "Open")
			project.record_approval(by_name["用地预审"].name)
			project = frappe.get_doc("GS Key Project", project.name)
		self.assertEqual(project.stages[0].stage_status, "Completed")
		self.assertEqual(str(project.stages[0].completed_on), "2026-06-10")
		second = {row.item_name: row for row in project.approvals if row.stage_name == "工程建设许可"}
		self.assertEqual(project.stages[1].stage_status, "Open")
		self.assertEqual(second["建设工程规划许可证"].approval_status, "In Progress")
		self.assertEqual(second["施工图审查"].approval_status, "In Progress")  # the first serial one
		# the housing bureau may not record the planning bureau's approval
		frappe.set_user(self.housing_contact)
		with self.assertRaises(frappe.PermissionError):
			project.record_approval(second["建设工程规划许可证"].name)
		with self.freeze_time("2026-06-15 10:00:00", tick=True):
			project.record_approval(second["施工图审查"].name)
		frappe.set_user(self.planning_contact)
		with self.freeze_time("2026-06-16 10:00:00", tick=True):
			project.record_approval(second["建设工程规划许可证"].name)
			project = frappe.get_doc("GS Key Project", project.name)
		self.assertEqual(project.status, "Completed")
		comments = frappe.get_all(
			"Comment", filters={"reference_name": project.name, "comment_type": "Info"}, pluck="content"
		)
		self.assertTrue(any("用地预审" in comment for comment in comments))

	def test_a_stage_cannot_close_with_a_required_approval_open(self):
		with self.freeze_time(MONDAY, tick=True):
			project = self.accepted()
		project.stages[0].stage_status = "Completed"
		frappe.set_user("Administrator")
		with self.assertRaises(ProjectActionError):
			project.save()

	def test_the_next_stage_waits_for_the_first(self):
		with self.freeze_time(MONDAY, tick=True):
			project = self.accepted()
			with self.assertRaises(ProjectActionError):
				project.accept_stage()

	def test_status_fields_cannot_be_forged_by_a_plain_save(self):
		with self.freeze_time(MONDAY, tick=True):
			project = self.accepted()
		project.approvals[0].approval_status = "Approved"
		project.approvals[0].approved_on = "2026-06-01"
		frappe.set_user(self.agent_user)
		with self.assertRaises(frappe.PermissionError):
			project.save()


class TestPlanChanges(KeyProjectTestCase):
	def test_a_change_after_acceptance_needs_a_reason_and_is_recorded(self):
		with self.freeze_time(MONDAY, tick=True):
			project = self.accepted()
			project.append(
				"approvals",
				{
					"stage_name": "工程建设许可",
					"item_name": "消防设计审查",
					"department": self.housing,
					"limit_days": 10,
				},
			)
			with self.assertRaises(frappe.ValidationError) as refused:
				project.save()
			self.assertNotIsInstance(refused.exception, frappe.TimestampMismatchError)
			project = frappe.get_doc("GS Key Project", project.name)
			project.append(
				"approvals",
				{
					"stage_name": "工程建设许可",
					"item_name": "消防设计审查",
					"department": self.housing,
					"limit_days": 10,
				},
			)
			project.plan_change_reason = "项目涉及人员密集场所，增加消防设计审查"
			project.save()
		project = frappe.get_doc("GS Key Project", project.name)
		self.assertEqual(len(project.plan_changes), 1)
		self.assertIn("消防设计审查", project.plan_changes[0].summary)
		self.assertEqual(project.plan_changes[0].changed_by, self.agent_user)
		self.assertFalse(project.plan_change_reason)
		# a started approval stays in the plan
		project.plan_change_reason = "删减"
		project.set("approvals", [row for row in project.approvals if row.item_name != "用地预审"])
		with self.assertRaises(frappe.ValidationError) as refused:
			project.save()
		self.assertNotIsInstance(refused.exception, frappe.TimestampMismatchError)


class TestWhoSeesAProject(KeyProjectTestCase):
	def test_centre_team_and_departments(self):
		outsider = make_user("kp.outsider@test.govservice", roles=("GS Department Contact",))
		team_member = make_agent("kp.team@test.govservice", self.other_town)
		with self.freeze_time(MONDAY, tick=True):
			project = self.planned()
		readers = {
			self.agent_user: True,  # liaison and the handling centre
			self.other_user: False,  # another township's agent
			self.planning_contact: True,  # approves in it
			self.housing_contact: True,
			outsider: False,
		}
		for user, sees in readers.items():
			frappe.set_user(user)
			names = frappe.get_list("GS Key Project", pluck="name", limit_page_length=0)
			self.assertEqual(project.name in names, sees, user)
			self.assertEqual(frappe.has_permission("GS Key Project", "read", doc=project.name), sees, user)
			frappe.set_user("Administrator")
		# a member of the agency team from another township sees it once named in the team
		frappe.set_user(self.agent_user)
		project = frappe.get_doc("GS Key Project", project.name)
		project.append(
			"team",
			{
				"member_role": "Agent",
				"person_name": "邻镇代办员",
				"phone": "13800000003",
				"user": team_member.user,
			},
		)
		project.save()
		frappe.set_user(team_member.user)
		self.assertIn(project.name, frappe.get_list("GS Key Project", pluck="name", limit_page_length=0))
		# departments read, but do not edit
		frappe.set_user(self.planning_contact)
		self.assertFalse(frappe.has_permission("GS Key Project", "write", doc=project.name))

		def approval_rows() -> list[str]:
			return frappe.get_list(
				"GS Project Approval",
				filters={"parent": project.name},
				parent_doctype="GS Key Project",
				pluck="name",
				limit_page_length=0,
			)

		self.assertEqual(len(approval_rows()), 5)
		frappe.set_user(self.other_user)
		self.assertEqual(approval_rows(), [])


class TestReports(KeyProjectTestCase):
	def test_the_ledger_shows_what_holds_a_project_up_and_only_the_readers_projects(self):
		from govservice.key_projects.report.key_project_ledger import key_project_ledger

		with self.freeze_time(MONDAY, tick=True):
			project = self.accepted()
		with self.freeze_time("2026-06-25 09:00:00", tick=True):
			frappe.set_user(self.agent_user)
			_columns, rows = key_project_ledger.execute({})
			row = next(r for r in rows if r["project"] == project.name)
			self.assertEqual(row["stage"], "立项用地规划许可")
			self.assertEqual(row["in_progress"], 3)
			self.assertEqual(row["approved"], "0/5")
			self.assertEqual(row["days_used"], 17)  # 2-25 June, without the Dragon Boat Festival
			self.assertIn("项目核准", row["blockers"])  # due 15 June
			self.assertIn("用地预审", row["blockers"])  # due 23 June
			frappe.set_user(self.other_user)
			_columns, rows = key_project_ledger.execute({})
			self.assertNotIn(project.name, [r["project"] for r in rows])

	def test_time_saved_says_what_is_used_planned_and_statutory(self):
		"""审批提速对比: working days used by completed stages, planned for open ones, against the required
		approvals only one after another (环评审批 is optional: 10 + 15 + 10 + 8 = 43, not 55) and the
		statutory limits (the plan's limits stand in where no catalogue item is linked)."""
		from govservice.key_projects.report.approval_time_saved import approval_time_saved

		def row_of(project):
			frappe.set_user(self.agent_user)
			_columns, rows, message = approval_time_saved.execute({})
			frappe.set_user("Administrator")
			self.assertTrue(message)
			return next(r for r in rows if r["project"] == project.name)

		with self.freeze_time(MONDAY, tick=True):
			project = self.accepted()
			row = row_of(project)
		self.assertEqual((row["used"], row["serial"], row["statutory"], row["unlinked"]), (0, 43, 43, 4))
		self.assertEqual(row["planned"], project.planned_working_days)
		self.assertEqual(row["total"], row["planned"])
		self.assertEqual(row["saved"], 43 - row["total"])
		# stage 1 completes on 10 June, after 7 working days: used 7, the rest still planned
		frappe.set_user(self.planning_contact)
		with self.freeze_time("2026-06-10 10:00:00", tick=True):
			for item in ("项目核准", "用地预审"):
				project = frappe.get_doc("GS Key Project", project.name)
				project.record_approval(next(r.name for r in project.approvals if r.item_name == item))
			project = frappe.get_doc("GS Key Project", project.name)
			row = row_of(project)
		self.assertEqual(row["used"], 7)
		self.assertEqual(row["total"], 7 + row["planned"])
		self.assertEqual(row["planned"], project.planned_working_days - 7)


class TestSupervision(KeyProjectTestCase):
	"""监督考核: the supervisory department reads every project and its ledgers and changes none; a
	department's leader in charge reads the ledgers of the projects its department approves in."""

	def test_the_supervisory_department_reads_every_project_and_changes_none(self):
		from govservice.key_projects.report.approval_time_saved import approval_time_saved
		from govservice.key_projects.report.key_project_ledger import key_project_ledger

		supervisory = make_user("kp.supervisory@test.govservice", roles=("GS Supervisory Officer",))
		with self.freeze_time(MONDAY, tick=True):
			project = self.accepted()
			frappe.set_user(supervisory)
			self.assertIn(project.name, frappe.get_list("GS Key Project", pluck="name", limit_page_length=0))
			for ptype, allowed in (
				("read", True),
				("print", True),
				("report", True),
				("write", False),
				("create", False),
				("delete", False),
			):
				self.assertEqual(
					bool(frappe.has_permission("GS Key Project", ptype, doc=project.name)), allowed, ptype
				)
			self.assertFalse(frappe.has_permission("GS Key Project", "create"))
			for report, execute in (
				("Key Project Ledger", key_project_ledger.execute),
				("Approval Time Saved", approval_time_saved.execute),
			):
				self.assertTrue(frappe.get_doc("Report", report).is_permitted(), report)
				rows = execute({})[1]
				self.assertIn(project.name, [row["project"] for row in rows], report)

	def test_a_departments_leader_reads_the_ledgers_of_its_approvals_only(self):
		from govservice.key_projects.report.key_project_ledger import key_project_ledger

		leader = make_user("kp.housing.leader@test.govservice", roles=("GS Department Contact",))
		police = make_department("项目测试公安局")
		police_leader = make_user("kp.police.leader@test.govservice", roles=("GS Department Contact",))
		make_department_liaison(self.housing, self.housing_contact, leader)
		self.addCleanup(make_department_liaison, self.housing, self.housing_contact)
		make_department_liaison(police, None, police_leader)
		with self.freeze_time(MONDAY, tick=True):
			project = self.accepted()
			for user, sees in ((leader, True), (police_leader, False)):
				frappe.set_user(user)
				self.assertTrue(frappe.get_doc("Report", "Key Project Ledger").is_permitted(), user)
				rows = key_project_ledger.execute({})[1]
				self.assertEqual(project.name in [row["project"] for row in rows], sees, user)
				self.assertFalse(frappe.has_permission("GS Key Project", "write", doc=project.name), user)


class TestLiaisonChange(KeyProjectTestCase):
	def test_the_team_hands_the_project_over_with_a_reason(self):
		from govservice.tests.utils import make_agent

		project = self.new_project()
		successor = make_agent("kp.successor@test.govservice", self.town, agent_name="接任代办员").name
		frappe.set_user(self.agent_user)
		project = frappe.get_doc("GS Key Project", project.name)
		with self.assertRaises(ProjectActionError):
			project.change_liaison(successor, " ")
		project.change_liaison(successor, "原联络员调岗")
		stored = frappe.get_doc("GS Key Project", project.name)
		self.assertEqual(stored.liaison_agent, successor)
		self.assertEqual(stored.liaison_user, "kp.successor@test.govservice")
		comments = frappe.get_all(
			"Comment", filters={"reference_name": project.name, "comment_type": "Info"}, pluck="content"
		)
		self.assertTrue(any("原联络员调岗" in comment for comment in comments))
		frappe.set_user(self.other_user)  # another township's agent may not take the project
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("GS Key Project", project.name).change_liaison(self.other_agent, "接管")


class TestClockStops(KeyProjectTestCase):
	def test_a_one_time_notice_stops_an_approvals_clock_until_the_materials_arrive(self):
		from govservice.key_projects.reminders import send_project_reminders

		with self.freeze_time(MONDAY, tick=True):
			project = self.accepted()
		frappe.set_user("Administrator")
		row = next(r for r in project.approvals if r.item_name == "项目核准")
		self.assertEqual(str(row.due_date), "2026-06-15")
		frappe.set_user(self.other_user)  # another township's agent may not stop it
		with self.assertRaises(frappe.PermissionError):
			project.pause_approval(row.name, "项目申请报告")
		frappe.set_user(self.planning_contact)  # the approving department asks once, in full
		with self.freeze_time("2026-06-03 10:00:00"):
			with self.assertRaises(ProjectActionError):
				project.pause_approval(row.name, "  ")
			project.pause_approval(row.name, "项目申请报告（修订版）、节能审查意见")
		project = frappe.get_doc("GS Key Project", project.name)
		row = next(r for r in project.approvals if r.name == row.name)
		self.assertTrue(row.is_paused)
		with self.freeze_time("2026-06-05 10:00:00"), self.assertRaises(ProjectActionError):
			project.record_approval(row.name)  # waiting for materials: not decided now
		frappe.set_user("Administrator")
		with self.freeze_time("2026-06-12 08:30:00"):  # due on Monday, but its clock stands still
			send_project_reminders()
		self.assertFalse(frappe.db.exists("GS Project Reminder", {"target_row": row.name}))
		frappe.set_user(self.agent_user)
		with self.freeze_time("2026-06-08 10:00:00"):
			frappe.get_doc("GS Key Project", project.name).resume_approval(row.name)
		project = frappe.get_doc("GS Key Project", project.name)
		row = next(r for r in project.approvals if r.name == row.name)
		# stopped from 4 June (the day after the notice) to 8 June: 3 working days added
		self.assertEqual(str(row.due_date), "2026-06-18")
		self.assertFalse(row.is_paused)
		self.assertEqual(
			[(str(p.paused_on), str(p.resumed_on)) for p in project.approval_pauses],
			[("2026-06-03", "2026-06-08")],
		)
		with self.assertRaises(ProjectActionError):
			project.resume_approval(row.name)
