"""A key project's printed documents (the agency agreement, the plan and timetable) and the weekly ledger by
email, each for the reader it is meant for."""

import frappe

from govservice.api.printing import render_pdf
from govservice.casework.test_printing import pdf_text
from govservice.key_projects.ledger_mail import set_weekly_ledger_mail, weekly_ledger_mail
from govservice.key_projects.test_key_projects import MONDAY, KeyProjectTestCase
from govservice.tests.utils import (
	make_key_project,
	make_outgoing_email_account,
	make_portal_user,
	make_user,
)

HOSTILE = '<img src=x onerror="alert(1)">茶园'


class TestProjectPrints(KeyProjectTestCase):
	def setUp(self):
		self.lang = frappe.local.lang
		frappe.local.lang = "zh"

	def tearDown(self):
		frappe.local.lang = self.lang
		super().tearDown()

	def test_agreement_and_timetable_in_chinese(self):
		with self.freeze_time(MONDAY, tick=True):
			project = self.accepted()
		frappe.set_user("Administrator")
		text = pdf_text(render_pdf("GS Key Project", project.name, "GS Project Agency Agreement"))
		for phrase in (
			"重点项目全程代办委托协议书",
			"鹤峰县测试有限公司",
			"测试重点项目",
			"业主单位（盖章）",
			"委托代办的审批事项",
			"用地预审",
			"代办期限",
			"商业秘密",
			"3个工作日内",
		):
			self.assertIn(phrase, text)
		text = pdf_text(render_pdf("GS Key Project", project.name, "GS Project Plan Timetable"))
		for phrase in ("审批流程计划及时间表", "立项用地规划许可", "用地预审", "2026年6月23日", "关键路径"):
			self.assertIn(phrase, text)

	def test_no_row_of_the_timetable_is_split_across_a_page(self):
		"""A plan of 36 approvals with long names runs over several pages: each row is whole on one page
		(its wrapped name is found entire on a page), and what it needs first is printed under it."""
		import io

		from pypdf import PdfReader

		names = [
			f"第{n:02d}项建设工程相关行政审批事项（含多部门联合审查、现场踏勘、专家论证、公示、听证及"
			f"征求相关单位意见等环节，第{n:02d}项）"
			for n in range(36)
		]
		template = frappe.get_doc(
			{
				"doctype": "GS Project Plan Template",
				"template_name": "测试长计划分页",
				"project_type": "Enterprise Approval",
				"stages": [{"stage_name": "长阶段", "lead_department": self.planning, "limit_days": 60}],
				"approvals": [
					{
						"stage_name": "长阶段",
						"item_name": name,
						"department": self.planning,
						"limit_days": 5,
						"is_parallel": 1,
						"is_required": 1,
						"prerequisites": names[0] if n == len(names) - 1 else None,
					}
					for n, name in enumerate(names)
				],
			}
		)
		if not frappe.db.exists("GS Project Plan Template", template.template_name):
			template.insert(ignore_permissions=True)
		project = self.new_project()
		frappe.set_user(self.agent_user)
		project.apply_template(template.template_name)
		frappe.set_user("Administrator")
		content = render_pdf("GS Key Project", project.name, "GS Project Plan Timetable")
		pages = ["".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]
		self.assertGreater(len(pages), 2)
		for name in names[1:]:  # (the first is named again under the last)
			with self.subTest(name=name):
				self.assertTrue(any(name in page for page in pages), "a row is split across a page break")
		self.assertIn(f"前置事项：{names[0]}", "".join(pages))

	def test_each_clock_stop_has_its_written_notice_for_the_enterprise(self):
		"""一次性告知书: what that approval lacks, listed in full, escaped; the project's readers and its
		enterprise get it, another enterprise or centre does not, nor a notice of another project."""
		from govservice.api.printing import project_notice_pdf

		with self.freeze_time(MONDAY, tick=True):
			project = self.accepted()
			frappe.set_user(self.agent_user)
			row = next(r for r in project.approvals if r.item_name == "用地预审")
			project.pause_approval(row.name, f"勘测定界报告\n{HOSTILE}宗地图")
		frappe.set_user("Administrator")
		project = frappe.get_doc("GS Key Project", project.name)
		stop = project.approval_pauses[-1].name
		text = pdf_text(project_notice_pdf(project.name, stop).get_data())
		for phrase in ("一次性告知", "用地预审", "勘测定界报告", "宗地图", "鹤峰县测试有限公司", "暂停计时"):
			self.assertIn(phrase, text)
		self.assertIn('imgsrc=xonerror="alert(1)"', text)  # shown as the text it is, never as markup
		owner = make_portal_user("kp.notice.owner@test.govservice", "Enterprise")
		frappe.db.set_value("GS Key Project", project.name, "owner_user", owner)
		frappe.set_user(owner)
		self.assertTrue(project_notice_pdf(project.name, stop).get_data().startswith(b"%PDF"))
		stranger = make_portal_user(
			"kp.notice.stranger@test.govservice", "Enterprise", credit_code="91422828MA49XK2L1B"
		)
		for user, args in (
			(stranger, (project.name, stop)),
			(self.other_user, (project.name, stop)),
			(owner, (project.name, "no-such-notice")),
			(owner, ("GS-KP-NO-SUCH", stop)),
		):
			frappe.set_user(user)
			with self.subTest(user=user, args=args), self.assertRaises(frappe.PermissionError):
				project_notice_pdf(*args)

	def test_one_form_for_the_stage_in_hand_with_its_shared_materials_and_pre_review(self):
		with self.freeze_time(MONDAY, tick=True):
			project = self.accepted()
			project.append(
				"materials", {"material_name": "项目申请报告", "for_approvals": "项目核准\n用地预审"}
			)
			project.save()
			frappe.set_user(self.other_user)  # another township's agent may not pre-review
			with self.assertRaises(frappe.PermissionError):
				project.pre_review_stage("立项用地规划许可", "x")
			frappe.set_user(self.agent_user)
			project.pre_review_stage("立项用地规划许可", "节能审查意见（承诺10个工作日内补交）")
		frappe.set_user("Administrator")
		stage = frappe.get_doc("GS Key Project", project.name).stages[0]
		self.assertEqual(str(stage.pre_reviewed_on), "2026-06-01")
		text = pdf_text(render_pdf("GS Key Project", project.name, "GS Project Joint Application"))
		for phrase in (
			"一表申请",
			"立项用地规划许可",
			"项目核准",
			"用地预审",
			"项目申请报告",
			"节能审查意见",
			"容缺后补材料",
		):
			self.assertIn(phrase, text)
		self.assertNotIn("建设工程规划许可证", text)  # the next stage's approvals are applied for later

	def test_values_reach_the_print_escaped(self):
		frappe.set_user(self.agent_user)
		project = make_key_project(self.town, self.agent, project_name=HOSTILE, owner_enterprise=HOSTILE)
		project.apply_template(self.template)
		frappe.set_user("Administrator")
		for print_format in (
			"GS Project Agency Agreement",
			"GS Project Plan Timetable",
			"GS Project Joint Application",
		):
			html = frappe.get_print("GS Key Project", project.name, print_format)
			self.assertNotIn("<img", html, print_format)
			self.assertIn("＜img", html, print_format)  # typed text is plain text


class TestWeeklyLedgerMail(KeyProjectTestCase):
	def test_the_ledger_is_mailed_as_its_reader_sees_it(self):
		make_outgoing_email_account()
		mine = self.new_project(project_name="本镇重点项目")
		frappe.set_user(self.other_user)
		theirs = make_key_project(self.other_town, self.other_agent, project_name="邻镇重点项目")
		frappe.set_user(self.agent_user)
		self.assertEqual(weekly_ledger_mail(), {"enabled": False})
		self.assertEqual(set_weekly_ledger_mail(1), {"enabled": True})
		self.assertEqual(weekly_ledger_mail(), {"enabled": True})
		frappe.set_user("Administrator")  # the scheduler's session
		report = frappe.get_doc(
			"Auto Email Report", {"report": "Key Project Ledger", "user": self.agent_user}
		)
		self.assertEqual(
			(report.frequency, report.day_of_week, report.email_to), ("Weekly", "Monday", self.agent_user)
		)
		content = report.get_report_content()
		self.assertIn(mine.name, content)
		self.assertNotIn(theirs.name, content)
		self.assertEqual(frappe.session.user, "Administrator")
		frappe.set_user(self.agent_user)
		self.assertEqual(set_weekly_ledger_mail(0), {"enabled": False})

	def test_the_printed_ledger_is_its_readers_scope(self):
		from govservice.api.printing import PrintError, project_ledger_pdf

		mine = self.new_project(project_name="本镇打印项目")
		frappe.set_user(self.other_user)
		theirs = make_key_project(self.other_town, self.other_agent, project_name="邻镇打印项目")
		frappe.set_user(self.agent_user)
		lang, frappe.local.lang = frappe.local.lang, "zh"
		try:
			text = pdf_text(project_ledger_pdf().data)
			with self.assertRaises(PrintError):
				project_ledger_pdf("<script>alert(1)</script>")
		finally:
			frappe.local.lang = lang
		self.assertIn("重点项目代办台账", text)
		self.assertIn(mine.name, text)
		self.assertNotIn(theirs.name, text)
		# a window officer does not read the ledger (a department's contact does: its own approvals)
		frappe.set_user("Administrator")
		frappe.set_user(make_user("kp.window@test.govservice", roles=("GS Window Officer",)))
		with self.assertRaises(frappe.PermissionError):
			project_ledger_pdf()

	def test_only_readers_of_the_ledger_subscribe(self):
		window = make_user("kp.window@test.govservice", roles=("GS Window Officer",))
		frappe.set_user(window)  # a window officer does not read the ledger
		with self.assertRaises(frappe.PermissionError):
			set_weekly_ledger_mail(1)
		frappe.set_user("Administrator")
		report = frappe.new_doc("Auto Email Report")
		report.update(
			{
				"report": "Key Project Ledger",
				"user": window,
				"email_to": "someone@example.com",
				"frequency": "Weekly",
				"day_of_week": "Monday",
				"format": "HTML",
			}
		)
		with self.assertRaises(frappe.ValidationError):
			report.insert()


class TestEnterprisePortal(KeyProjectTestCase):
	def setUp(self):
		self.enterprise = make_portal_user("kp.enterprise@test.govservice", "Enterprise")
		self.stranger = make_portal_user(
			"kp.stranger@test.govservice", "Enterprise", credit_code="91422828MA49XK2L1B"
		)
		self.citizen = make_portal_user("kp.citizen@test.govservice")

	def page(self, name: str):
		from govservice.www.my_projects.project import get_context

		frappe.form_dict.project_name = name
		context = frappe._dict()
		get_context(context)
		return context

	def test_only_an_enterprise_account_with_the_credit_code_follows_the_project(self):
		for account in (self.stranger, self.citizen):
			with self.assertRaises(frappe.ValidationError):
				self.new_project(owner_user=account)
		project = self.new_project(owner_user=self.enterprise)
		self.assertEqual(project.owner_user, self.enterprise)

	def test_the_enterprise_sees_its_project_its_stages_and_what_is_missing(self):
		with self.freeze_time(MONDAY, tick=True):
			project = self.planned()
			frappe.set_user(self.agent_user)
			project.owner_user = self.enterprise
			deferred = next(row for row in project.approvals if row.item_name == "用地预审")
			deferred.decision = "Deferred Materials"
			deferred.deferred_materials = "土地权属证明（承诺15日内补交）"
			project.append(
				"deferred_items",
				{"item_name": "用地预审", "material_name": "勘测定界报告", "promised_date": "2026-06-12"},
			)
			project.save()
			project.accept_stage()
		unrelated = self.new_project(project_name="他人项目")
		frappe.set_user(self.enterprise)
		listed = frappe.get_list("GS Key Project", pluck="name")
		self.assertIn(project.name, listed)
		self.assertNotIn(unrelated.name, listed)
		with self.freeze_time("2026-06-02 10:00:00"):
			context = self.page(project.name)
		self.assertEqual(
			[stage.stage_name for stage, _rows in context.stages], ["立项用地规划许可", "工程建设许可"]
		)
		first_rows = {row.item_name: row for row in context.stages[0][1]}
		self.assertEqual(str(first_rows["用地预审"].due_date), "2026-06-23")
		self.assertEqual([row.what for row in context.missing], ["用地预审", "用地预审"])
		self.assertIn("勘测定界报告", context.missing[1].materials)  # each 容缺 material with its date
		self.assertIn("2026", context.missing[1].materials)
		self.assertEqual(context.days_used, 1)
		self.assertFalse(frappe.has_permission("GS Key Project", "write", doc=project.name))
		for outsider in (self.stranger, self.citizen):
			frappe.set_user(outsider)
			with self.assertRaises(frappe.PermissionError):
				self.page(project.name)
			self.assertEqual(frappe.get_list("GS Key Project", pluck="name"), [])

	def test_the_enterprise_rates_the_agency_once_a_stage_is_done(self):
		from govservice.api.portal import rate_project

		with self.freeze_time(MONDAY, tick=True):
			project = self.planned()
			project.owner_user = self.enterprise
			project.save()
			project.accept_stage()
		frappe.set_user(self.enterprise)
		with self.assertRaises(frappe.ValidationError):  # nothing done yet
			rate_project(project.name, "Satisfied")
		frappe.set_user(self.planning_contact)
		project = frappe.get_doc("GS Key Project", project.name)
		for row in [r for r in project.approvals if r.item_name in ("项目核准", "用地预审")]:
			with self.freeze_time("2026-06-10 10:00:00"):
				frappe.get_doc("GS Key Project", project.name).record_approval(row.name)
		self.assertEqual(frappe.get_doc("GS Key Project", project.name).stages[0].stage_status, "Completed")
		for outsider in (self.stranger, self.agent_user):
			frappe.set_user(outsider)
			with self.assertRaises(frappe.PermissionError):
				rate_project(project.name, "Very Satisfied")
		frappe.set_user(self.enterprise)
		answer = rate_project(project.name, "Dissatisfied", "材料反复退回")
		self.assertTrue(answer["rectification"])  # a bad rating is put right by the centre
		rating = frappe.get_doc("GS Rating", answer["rating"])
		self.assertEqual(
			(rating.key_project, rating.gs_case, rating.service_centre), (project.name, None, self.town)
		)
		self.assertEqual(rating.agent, self.agent)
		with self.assertRaises(frappe.ValidationError):
			rate_project(project.name, "Satisfied")
		self.assertEqual(self.page(project.name).rating.rating, "Dissatisfied")
		from govservice.citizen_portal.report.satisfaction_summary.satisfaction_summary import execute

		frappe.set_user("Administrator")  # in the centre's figures, a row of its own by service item
		_columns, rows = execute({"group_by": "Service Item"})
		agency = next(row for row in rows if row["group"] == frappe._("Key Project Agency"))
		self.assertGreaterEqual(agency["dissatisfied"], 1)


class TestMaterialLibrary(KeyProjectTestCase):
	PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

	def with_material(self, **fields):
		project = self.planned()
		frappe.set_user(self.agent_user)
		project.append(
			"materials",
			{"material_name": "土地权属证明", "for_approvals": "项目核准\n用地预审", **fields},
		)
		project.save()
		return project

	def test_a_material_is_held_once_for_the_approvals_of_the_plan(self):
		project = self.with_material()
		row = project.materials[0]
		self.assertEqual((row.material_status, row.version), ("Missing", 0))
		from govservice.key_projects.materials import materials_by_approval

		shared = materials_by_approval(project)
		self.assertEqual([r.material_name for r in shared["项目核准"]], ["土地权属证明"])
		self.assertEqual([r.material_name for r in shared["用地预审"]], ["土地权属证明"])
		project.append("materials", {"material_name": "土地权属证明"})
		with self.assertRaises(frappe.ValidationError):
			project.save()
		project = frappe.get_doc("GS Key Project", project.name)
		project.append("materials", {"material_name": "消防审查意见", "for_approvals": "消防设计审查"})
		with self.assertRaises(frappe.ValidationError):  # not an approval of the plan
			project.save()

	def test_the_owner_uploads_once_and_a_new_file_is_a_new_version(self):
		from govservice.key_projects.materials import upload_material

		enterprise = make_portal_user("kp.enterprise@test.govservice", "Enterprise")
		project = self.with_material(valid_until="2030-12-31")
		frappe.set_user(self.agent_user)
		project.owner_user = enterprise
		project.save()
		frappe.set_user(enterprise)
		upload_material(
			frappe.get_doc("GS Key Project", project.name), "土地权属证明", "权属证明.pdf", self.PDF
		)
		frappe.set_user("Administrator")
		row = frappe.get_doc("GS Key Project", project.name).materials[0]
		self.assertEqual((row.material_status, row.version, row.uploaded_by), ("Received", 1, enterprise))
		self.assertEqual(
			frappe.db.get_value("File", {"file_url": row.file}, ["attached_to_doctype", "is_private"]),
			("GS Key Project", 1),
		)
		frappe.set_user(enterprise)
		with self.assertRaises(frappe.ValidationError):  # received: the team replaces it, not the portal
			upload_material(
				frappe.get_doc("GS Key Project", project.name), "土地权属证明", "again.pdf", self.PDF
			)
		with self.assertRaises(frappe.ValidationError):
			upload_material(frappe.get_doc("GS Key Project", project.name), "不存在的材料", "x.pdf", self.PDF)
		# the agent replaces it with a renewed certificate: version 2; an expired one shows as expired
		frappe.set_user(self.agent_user)
		project = frappe.get_doc("GS Key Project", project.name)
		project.materials[0].file = "/private/files/renewed.pdf"
		project.materials[0].valid_until = "2020-01-01"
		project.save()
		row = project.materials[0]
		self.assertEqual((row.material_status, row.version, row.uploaded_by), ("Expired", 2, self.agent_user))
