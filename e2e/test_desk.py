"""Desk browser tests: each role does its job in the desk, in Simplified Chinese, logged in as itself.

The test site carries the demo county (govservice.tests.desk_setup.prepare, GS_DESK_SETUP). Every test
fails on a console error, a failed request or visible English on a zh page (short allow-list in desk.py),
and saves a screenshot per step in GS_E2E_SHOTS.
"""

import datetime
import json
import os
import time
import unittest

import requests
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect, sync_playwright

from e2e.desk import BASE, SHOTS, Desk, english_on

SETUP = json.loads(os.environ.get("GS_DESK_SETUP", "{}"))
CHROMIUM = os.environ.get("GS_CHROMIUM", "/usr/bin/chromium")
STAMP = str(int(time.time()))[-6:]


def id_number(serial: int) -> str:
	"""A valid resident ID number (GB 11643) for a test applicant born in 鹤峰县 in January 1950."""
	first17 = f"422828195001{serial % 28 + 1:02d}{serial % 1000:03d}"
	weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
	check = "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights, strict=True)) % 11]
	return first17 + check


class DeskTestCase(unittest.TestCase):
	@classmethod
	def setUpClass(cls):
		cls.playwright = sync_playwright().start()
		cls.browser = cls.playwright.chromium.launch(
			executable_path=CHROMIUM,
			headless=True,
			args=[
				"--no-sandbox",
				"--disable-gpu",
				"--disable-background-networking",
				"--disable-component-update",
			],
		)

	@classmethod
	def tearDownClass(cls):
		cls.browser.close()
		cls.playwright.stop()

	def desk(self, role: str, phone: bool = False) -> Desk:
		desk = Desk(
			self.browser,
			SETUP["users"][role],
			SETUP["password"],
			f"{self._testMethodName}-{role}",
			phone=phone,
		)
		self.addCleanup(desk.close)
		self.addCleanup(lambda: self.assertEqual(desk.problems, [], f"{role}: errors in the desk"))
		self.addCleanup(lambda: desk.shot("last"))  # where the test ended, passed or not
		return desk

	def assert_pdf(self, desk: Desk, method: str, **params) -> bytes:
		"""Download a PDF in the role's own session (`method` under /api/method/); it must be one."""
		response = desk.page.context.request.get(f"{BASE}/api/method/{method}", params=params)
		self.assertEqual(response.status, 200, response.text()[:300])
		self.assertTrue(response.body().startswith(b"%PDF"))
		return response.body()

	def assert_chinese(self, desk: Desk) -> None:
		english = desk.english_on_page()
		self.assertEqual(english, [], f"{desk.name}: English on a zh page at {desk.page.url}")

	def register_case(self, desk: Desk, item: str, name: str, serial: int, all_received: bool = True) -> str:
		desk.goto("/app/gs-case/new")
		desk.fill("applicant_name", name)
		desk.fill("id_number", id_number(serial))
		desk.fill("phone", "13907181234")
		desk.link("service_item", SETUP["item_names"][item][:6], pick=SETUP["item_names"][item])
		expect(
			desk.page.locator('.frappe-control[data-fieldname="materials"] .grid-body .grid-row')
		).not_to_have_count(0)
		if all_received:
			desk.button("材料已收齐")
		desk.shot("registration")
		desk.save()
		return desk.doc()["name"]


class TestVillageAgent(DeskTestCase):
	def test_lands_on_my_work_in_chinese(self):
		agent = self.desk("village_agent")
		expect(agent.page).to_have_url(f"{BASE}/app/my-work")
		expect(agent.page.locator(".widget.number-widget-box").first).to_be_visible()
		agent.shot("home")
		self.assert_chinese(agent)

	def test_register_accept_and_print_the_agreement(self):
		agent = self.desk("village_agent")
		name = self.register_case(agent, "village", f"田大爷{STAMP}", 11)
		agent.expect_state("已登记")
		self.assert_chinese(agent)
		agent.action("受理")
		agent.wait()
		agent.expect_state("已受理")
		expect(agent.page.locator(".form-message-container .form-message").first).to_contain_text("个工作日")
		agent.shot("accepted")
		self.assert_chinese(agent)
		self.assert_pdf(
			agent,
			"frappe.utils.print_format.download_pdf",
			doctype="GS Case",
			name=name,
			format="GS Entrustment Agreement",
		)
		agent.goto(f"/app/print/GS Case/{name}")  # opens on the agreement, not on Standard
		preview = agent.page.frame_locator("iframe.print-format-container").locator(".print-format")
		expect(preview).to_contain_text("委托代办协议书")
		expect(preview).to_contain_text("年")  # dates as official documents write them
		expect(preview).not_to_contain_text(id_number(11))  # the ID number is masked
		agent.shot("print-view")
		self.assert_chinese(agent)

	def test_one_time_notice_and_the_materials_that_answer_it(self):
		agent = self.desk("village_agent")
		self.register_case(agent, "village", f"覃婆婆{STAMP}", 12, all_received=False)
		agent.action("一次性告知补正")
		agent.wait()
		agent.expect_state("待补正材料")
		agent.shot("notice-issued")
		self.assert_chinese(agent)
		agent.button("材料已收齐")
		agent.save()
		agent.action("材料已补正")
		agent.wait()
		agent.expect_state("已登记")
		agent.shot("materials-supplied")

	def test_transfer_a_county_item_up_to_the_county(self):
		agent = self.desk("village_agent")
		name = self.register_case(agent, "county", f"向先生{STAMP}", 13)
		agent.button("转办")
		agent.dialog_select("target_centre", "鹤峰县政务服务中心 (县)")
		agent.dialog_fill("reason", "无犯罪记录证明由县级办理")
		agent.shot("transfer-dialog")
		agent.dialog_primary()
		agent.page.wait_for_function("() => cur_frm.doc.transferred_from")
		self.assertEqual(agent.doc()["service_centre"], "鹤峰县")
		agent.shot("transferred")
		self.assert_chinese(agent)
		# 首办负责: the village agent still follows the case after it left the village
		agent.goto(f"/app/gs-case/{name}")
		expect(agent.page.locator(".page-title")).to_contain_text(f"向先生{STAMP}")
		# ...in the list too, and by its number; and the call they record is the village's work
		agent.button("记录通话")
		agent.dialog_fill("note", "已告知申请人案件转县中心办理")
		agent.dialog_primary()
		agent.goto("/app/gs-case")
		agent.page.locator(
			".page-actions .btn:visible, .custom-actions .btn:visible", has_text="我跟进的办件"
		).first.click()
		expect(agent.page.locator(".list-row-container", has_text=name)).to_be_visible()
		agent.shot("cases-i-follow")
		agent.goto(f"/app/gs-case?name={name}")
		expect(agent.page.locator(".list-row-container", has_text=name)).to_be_visible()
		rows = agent.page.evaluate(
			f"""() => frappe.xcall("frappe.desk.query_report.run", {{report_name: "Work Log Ledger",
				filters: {{from_date: frappe.datetime.get_today(), to_date: frappe.datetime.get_today()}}}})
				.then((r) => r.result.filter((row) => row && row.gs_case === "{name}").map((row) => row.action))"""
		)
		self.assertIn("电话联系申请人", " ".join(str(action) for action in rows), rows)
		self.assert_chinese(agent)

	def test_terminate_an_entrustment(self):
		agent = self.desk("village_agent")
		self.register_case(agent, "village", f"邓大姐{STAMP}", 14)
		agent.action("终止委托")
		agent.dialog_select("terminated_by", "申请人")
		agent.dialog_fill("termination_reason", "申请人已自行办理")
		agent.dialog().locator(
			'.frappe-control[data-fieldname="materials_returned"] input[type=checkbox]:visible'
		).check()
		agent.shot("terminate-dialog")
		agent.dialog_primary()
		agent.expect_state("已终止委托")
		agent.shot("terminated")
		self.assert_chinese(agent)


class TestSupervisorAndCards(DeskTestCase):
	def test_the_supervisor_reassigns_the_first_agent_in_the_desk(self):
		"""The ID number is at a level the supervisor does not read: their save must still go through."""
		agent = self.desk("village_agent")
		name = self.register_case(agent, "village", f"改派{STAMP}", 17)
		supervisor = self.desk("supervisor")
		supervisor.goto(f"/app/gs-case/{name}")
		supervisor.link("agent", "杨红霞")
		supervisor.fill("agent_change_reason", "朱永平外出培训，由B岗杨红霞接办")
		supervisor.shot("reassign")
		supervisor.save()
		self.assertEqual(supervisor.doc()["agent_name"], "杨红霞")
		supervisor.shot("reassigned")
		self.assert_chinese(supervisor)

	def test_the_overdue_card_opens_the_cases_it_counts(self):
		agent = self.desk("village_agent")
		card = agent.page.locator(".widget.number-widget-box", has_text="逾期件").last
		number = card.locator(".number")
		expect(number).not_to_have_text("")
		count = int(number.inner_text().strip() or 0)
		self.assertGreaterEqual(count, 1, "the demo's overdue case of 金龙村 is not counted")
		card.locator(".widget-body, .number").first.click()
		agent.page.wait_for_url(f"{BASE}/app/gs-case*")
		agent.wait()
		agent.page.locator(".list-row-container").first.wait_for()
		listed = agent.page.locator(".list-row-container").count()
		self.assertEqual(listed, count, "the card and its list disagree")
		expect(agent.page.locator(".list-row-container", has_text="逾期测试老人")).to_be_visible()
		agent.shot("overdue-list")
		self.assert_chinese(agent)

	def test_the_print_views_pdf_button_shows_no_false_error(self):
		agent = self.desk("village_agent")
		agent.goto(f"/app/print/GS Case/{SETUP['overdue_case']}")
		agent.page.frame_locator("iframe.print-format-container").locator(".print-format").wait_for()
		with agent.page.expect_response(lambda r: "is_wkhtmltopdf_valid" in r.url) as checked:
			with agent.page.context.expect_page() as popup:
				agent.page.locator(".page-actions .btn:visible", has_text="PDF").first.click()
		self.assertEqual(checked.value.json()["message"], True)
		popup.value.close()
		agent.wait()
		self.assertEqual(agent.page.locator(".modal.show").count(), 0, "an error dialog after a PDF")
		agent.shot("after-pdf")


class TestJointCase(DeskTestCase):
	def test_a_joint_case_completes_when_every_department_is_done(self):
		agent = self.desk("village_agent")
		name = self.register_case(agent, "joint", f"龚家宝宝{STAMP}", 15)
		# 一事联办: the departments that take part, entered in the case's task table
		agent.page.locator(".section-head", has_text="一事联办").click()
		for department in ("social", "health"):
			agent.page.locator('.frappe-control[data-fieldname="tasks"] .grid-add-row').click()
			row = agent.page.locator('.frappe-control[data-fieldname="tasks"] .grid-body .grid-row').last
			row.locator('.grid-static-col[data-fieldname="department"]').click()
			box = row.locator('.grid-static-col[data-fieldname="department"] input').first
			box.fill(SETUP["departments"][department][:4])
			agent.page.locator(
				".awesomplete ul:not([hidden]) [role=option]", has_text=SETUP["departments"][department][:6]
			).first.click()
		agent.fill("address", "走马镇金龙村1组")  # where the result is sent by EMS
		agent.save()
		agent.action("受理")
		agent.wait()
		agent.action("开始办理")
		agent.wait()
		agent.expect_state("办理中")
		for _department in ("social", "health"):
			agent.button("部门任务完成")
			agent.dialog_primary()
			agent.page.wait_for_timeout(500)
		agent.shot("tasks-done")
		agent.action("办结")
		agent.wait()
		agent.expect_state("已办结")
		agent.shot("completed")
		self.assert_chinese(agent)
		self.assertTrue(all(row["task_status"] == "Finished" for row in agent.doc()["tasks"]), name)
		# the result goes out by EMS: the applicant is told, with the tracking number
		agent.button("办理结果已出")
		dialog = agent.page.locator(".modal.show")
		dialog.locator('select[data-fieldname="delivery_method"]').select_option("EMS")
		dialog.locator('input[data-fieldname="tracking_number"]').fill(f"EA{STAMP}CN")
		agent.shot("result-ready")
		self.assert_chinese(agent)
		agent.dialog_primary()
		agent.page.wait_for_timeout(1000)
		doc = agent.doc()
		self.assertEqual((doc["delivery_method"], doc["ems_tracking_number"]), ("EMS", f"EA{STAMP}CN"))
		self.assertTrue(doc["result_ready_on"])
		sms = os.environ.get("GS_SMS_URL")
		if sms:
			texts = requests.get(f"{sms}/messages", params={"to": doc["phone"]}, timeout=10).json()
			self.assertTrue(any(f"EA{STAMP}CN" in m["text"] for m in texts), texts[-3:])


class TestLeadDepartment(DeskTestCase):
	"""牵头部门 and 告知承诺制: 县住房和城乡建设局 leads 施工许可 — its contact urges 人社局's approval there (the note
	reaches 人社局's contact), grants its own approval under commitment the same day and verifies the
	commitment afterwards."""

	APPROVED = "() => cur_frm.doc.approvals.filter((r) => r.approval_status === 'Approved').length"

	def record(self, desk: Desk, label: str | None = None) -> None:
		TestKeyProject.record(self, desk, label)  # (TestKeyProject is defined further down)

	def test_the_lead_department_urges_grants_under_commitment_and_verifies(self):
		name = SETUP["lead_project"]
		housing = self.desk("housing")
		housing.open_form(f"/app/gs-key-project/{name}")
		housing.button("催办")
		expect(housing.dialog()).to_be_visible()
		housing.dialog_select("approval", "施工许可 · 农民工工资支付保证金存储")
		housing.dialog_fill("note", "请于本周内办结保证金存储，项目急需开工")
		housing.shot("urge")
		self.assert_chinese(housing)
		housing.dialog_primary()
		housing.page.wait_for_function(
			"""() => cur_frm.doc.approvals.some((r) => r.item_name === '农民工工资支付保证金存储' && r.last_urged_on)"""
		)
		contact = self.desk("contact")
		told = contact.page.evaluate(
			"""(name) => frappe.db.get_list('Notification Log', {filters: {document_name: name},
				fields: ['subject']}).then((rows) => rows.map((r) => r.subject))""",
			name,
		)
		self.assertTrue(any("请于本周内办结保证金存储" in subject for subject in told), told)
		# its own approval under 告知承诺制: granted the same day, verification due, then verified
		housing.open_form(f"/app/gs-key-project/{name}")
		self.record(housing, "施工许可 · 工程质量安全监督登记")
		row = next(r for r in housing.doc()["approvals"] if r["item_name"] == "工程质量安全监督登记")
		self.assertTrue(row["verification_due"])
		housing.page.wait_for_function("() => !document.querySelector('.modal.show') && !cur_frm.is_dirty()")
		housing.wait()
		housing.button("核查承诺")
		expect(housing.dialog()).to_be_visible()
		housing.dialog_fill("note", "现场核查，承诺事项已落实")
		housing.shot("verify")
		self.assert_chinese(housing)
		housing.dialog_primary()
		housing.page.wait_for_function(
			"""() => cur_frm.doc.approvals.some((r) => r.item_name === '工程质量安全监督登记'
				&& r.verification_outcome === 'Commitment Met')"""
		)
		housing.shot("verified")
		self.assert_chinese(housing)


class TestComplaintFlow(DeskTestCase):
	"""Seed 004 from registration to close: window officer → department contact → window lead → window."""

	def test_register_dispatch_escalate_reply_inform_close(self):
		window = self.desk("window")
		window.goto("/app/gs-complaint/new")
		window.fill("reporter_name", f"张先生{STAMP}")
		window.fill("reporter_phone", "13907185678")
		window.fill("description", "社保卡挂失补办跑了三次没办成")
		window.link("department", "人力资源", pick="县人力资源和社会保障局")
		window.select("classification", "一般问题(承诺件)")
		window.save()
		window.shot("registered")
		self.assert_chinese(window)
		name = window.doc()["name"]
		window.button("交办部门")
		window.confirm()
		window.expect_state("已分派")
		window.shot("dispatched")

		contact = self.desk("contact")
		expect(contact.page).to_have_url(f"{BASE}/app/complaint-window")
		self.assert_chinese(contact)
		contact.goto("/app/gs-complaint")
		expect(contact.page.locator(".list-row-container", has_text=f"张先生{STAMP}")).to_be_visible()
		contact.shot("contact-list")

		lead = self.desk("lead")
		lead.goto(f"/app/gs-complaint/{name}")
		lead.button("升级督办")
		lead.confirm()
		expect(lead.page.locator(".form-message-container")).to_contain_text("分管领导")
		lead.shot("escalated")

		contact.goto(f"/app/gs-complaint/{name}")
		contact.button("反馈")
		contact.dialog_fill("reply", "请携带身份证到县人社局一楼3号窗口,王丽,电话8231234")
		contact.shot("reply-dialog")
		contact.dialog_primary()
		contact.expect_state("已反馈")
		self.assert_chinese(contact)

		window.goto(f"/app/gs-complaint/{name}")
		window.button("已告知反映人")
		window.confirm()
		# the form reloads after the action and draws the next one: wait for it, not for a time
		expect(window.page.locator(".page-actions .btn:visible", has_text="办结归档").first).to_be_visible()
		window.button("办结归档")
		window.wait()
		window.expect_state("已办结")
		window.shot("closed")
		self.assert_chinese(window)

		supervisory = self.desk("supervisory")
		supervisory.goto("/app/query-report/Complaint Weekly Summary")
		expect(supervisory.page.locator(".dt-scrollable, .report-wrapper").first).to_be_visible()
		supervisory.shot("weekly-summary")
		self.assert_chinese(supervisory)


class TestListsAndLedgers(DeskTestCase):
	def test_catalogue_lists_and_ledgers_open_with_their_filters(self):
		window = self.desk("window")
		for report, filters in (
			("Proxy Service Item List", ("level", "department")),
			("Door-to-Door Service Item List", ("level", "department")),
			("Complaint Tracking Ledger", ("from_date", "to_date", "department")),
			("Departments Missing Deadlines", ("from_date", "to_date")),
		):
			window.goto(f"/app/query-report/{report}")
			for fieldname in filters:  # the shared filters of govservice.bundle.js
				expect(window.field(fieldname, ".page-form")).to_be_visible()
			window.shot(report.lower().replace(" ", "-"))
			self.assert_chinese(window)
		agent = self.desk("village_agent")
		agent.goto("/app/query-report/Work Log Ledger")
		expect(agent.page.locator(".page-form .frappe-control").first).to_be_visible()
		agent.shot("work-log-ledger")
		self.assert_chinese(agent)
		agent.goto("/app/gs-case")
		expect(agent.page.locator(".list-row-container").first).to_be_visible()
		agent.shot("case-list")
		self.assert_chinese(agent)


class TestKeyProject(DeskTestCase):
	"""重点项目全程代办: the county's liaison agent entrusts a project, tailors its plan from a template,
	accepts the first stage and records its approvals; the next stage opens in parallel, and the housing
	bureau's contact records its own approval there."""

	APPROVED = "() => cur_frm.doc.approvals.filter((r) => r.approval_status === 'Approved').length"

	def record(self, desk: Desk, label: str | None = None) -> None:
		"""Record one approval through the form's button and dialog; wait for the reloaded form."""
		before = desk.page.evaluate(self.APPROVED)
		# the previous dialog has gone and the reloaded form has drawn its buttons again
		desk.page.wait_for_function("() => !document.querySelector('.modal.show') && !cur_frm.is_dirty()")
		desk.wait()
		desk.button("登记审批结果")
		expect(desk.page.locator(".modal.show .modal-title", has_text="登记审批结果")).to_be_visible()
		if label:
			desk.dialog_select("approval", label)
		desk.dialog_fill("approval_number", f"鹤审〔2026〕{STAMP}号")
		desk.dialog_primary()
		desk.page.wait_for_function(f"() => ({self.APPROVED})() > {before}")
		desk.wait()

	def test_liaison_agent_runs_a_stage_and_a_department_records_its_approval(self):
		agent = self.desk("county_agent")
		agent.goto("/app/gs-key-project/new")
		agent.fill("project_name", f"鹤峰县茶叶仓储物流中心{STAMP}")
		agent.select("project_type", value="Enterprise Approval")
		agent.select("project_level", value="County")
		agent.fill("owner_enterprise", "湖北测试茶业有限公司")
		agent.fill("credit_code", "91422828MA49XK2L1B")
		agent.fill("project_code", "2026-422828-59-02-000321")
		expect(agent.field("liaison_agent").locator("input")).not_to_have_value("")
		agent.shot("entrustment")
		agent.save()
		agent.button("套用流程模板")
		template = agent.field("template", ".modal.show").locator("input").first
		if template.input_value() != "企业投资核准类项目审批流程":  # proposed when it is the type's only one
			agent.link("template", "企业投资核准", scope=".modal.show", pick="企业投资核准类项目审批流程")
		expect(template).to_have_value("企业投资核准类项目审批流程")
		template.press("Tab")  # the link is validated on blur: the dialog's value is set then
		agent.page.wait_for_function(
			"() => cur_dialog && cur_dialog.get_value('template') === '企业投资核准类项目审批流程'"
		)
		agent.dialog_primary()
		agent.page.wait_for_function("() => (cur_frm.doc.stages || []).length === 4")
		agent.shot("plan")
		agent.button("受理本阶段")
		agent.page.wait_for_function("() => cur_frm.doc.status === 'In Approval'")
		agent.wait()  # the form reloads after the action: a stale copy would be refused (417)
		doc = agent.doc()
		self.assertEqual(doc["stages"][0]["stage_status"], "Open")
		self.assertTrue(doc["planned_finish"])
		self.assertLess(doc["planned_working_days"], doc["serial_working_days"])
		agent.shot("stage-accepted")
		# 前置事项: 建设用地规划许可证核发 waits for 用地预审与选址意见书, planned from its finish
		rows = {row["item_name"]: row for row in doc["approvals"]}
		land, pre_review = rows["建设用地规划许可证核发"], rows["建设项目用地预审与选址意见书"]
		self.assertEqual(land["approval_status"], "Not Started")
		self.assertEqual(land["prerequisites"], "建设项目用地预审与选址意见书")
		self.assertEqual(land["planned_start"], pre_review["planned_finish"])
		self.assertTrue(land["is_critical"] and pre_review["is_critical"])
		expect(
			agent.page.locator(
				f'.gs-project-gantt path[data-from="approval-{pre_review["idx"]}"][data-to="approval-{land["idx"]}"]'
			)
		).to_have_count(1)
		self.record(agent, "立项用地规划许可 · 企业投资项目核准")
		self.assertEqual(
			{row["item_name"]: row for row in agent.doc()["approvals"]}["建设用地规划许可证核发"][
				"approval_status"
			],
			"Not Started",
		)
		self.record(agent, "立项用地规划许可 · 建设项目用地预审与选址意见书")
		rows = {row["item_name"]: row for row in agent.doc()["approvals"]}
		self.assertEqual(rows["建设用地规划许可证核发"]["approval_status"], "In Progress")
		agent.shot("prerequisite-granted")
		self.assert_chinese(agent)
		self.record(agent, "立项用地规划许可 · 建设用地规划许可证核发")
		agent.page.wait_for_function("() => cur_frm.doc.stages[1].stage_status === 'Open'")
		# 自然资源局 has no desk account in the demo: the liaison agent recorded its decisions, marked so
		rows = {row["item_name"]: row for row in agent.doc()["approvals"]}
		self.assertEqual(rows["建设用地规划许可证核发"]["recorded_for_department"], 1)
		doc = agent.doc()
		self.assertEqual(doc["stages"][0]["stage_status"], "Completed")
		agent.shot("second-stage-open")
		self.assert_chinese(agent)
		# the plan on the Gantt chart: four stages and their approvals, critical ones marked
		gantt = agent.page.locator(".gs-project-gantt")
		gantt.scroll_into_view_if_needed()
		expect(gantt.locator(".bar-wrapper.gs-gantt-stage")).to_have_count(4)
		# limits are working days: the days off are shaded (weekends, holidays, with 调休 as China has it)
		rest = gantt.locator("rect.gs-rest-day")
		expect(rest.first).to_be_attached()
		drawn = rest.evaluate_all("(rects) => rects.map((r) => r.getAttribute('data-day'))")
		sent = agent.page.evaluate("() => cur_frm.doc.__onload.rest_days")
		self.assertTrue(drawn and set(drawn) <= set(sent), (drawn[:5], sent[:5]))
		self.assertTrue(any(datetime.date.fromisoformat(day).weekday() == 6 for day in drawn))
		self.assertGreater(gantt.locator(".bar-wrapper.gs-gantt-critical").count(), 0)
		agent.shot("timetable")
		# the agency agreement and the plan and timetable, printed in Chinese
		for print_format, title in (
			("GS Project Agency Agreement", "重点项目全程代办委托协议书"),
			("GS Project Plan Timetable", "审批流程计划及时间表"),
			("GS Project Joint Application", "重点项目并联审批申请表（一表申请）"),
		):
			agent.page.goto(
				f"{BASE}/printview?doctype=GS Key Project&name={doc['name']}&format={print_format}&no_letterhead=1"
			)
			agent.page.wait_for_load_state("networkidle")
			expect(agent.page.locator(".gs-doc h1")).to_have_text(title)
			agent.shot(print_format.lower().replace(" ", "-"))
			self.assert_chinese(agent)
			self.assert_pdf(
				agent,
				"govservice.api.printing.download_pdf",
				doctype="GS Key Project",
				name=doc["name"],
				print_format=print_format,
			)
		housing = self.desk("housing")
		housing.goto(f"/app/gs-key-project/{doc['name']}")
		self.record(housing, "工程建设许可 · 施工图设计文件审查")
		rows = {row["item_name"]: row for row in housing.doc()["approvals"]}
		self.assertEqual(rows["施工图设计文件审查"]["approval_status"], "Approved")
		self.assertEqual(rows["建设工程规划许可证核发"]["approval_status"], "In Progress")
		housing.shot("approval-recorded")
		self.assert_chinese(housing)
		# 一次性告知: the liaison agent stops the planning permit's clock for missing materials, then restarts it
		agent.goto(f"/app/gs-key-project/{doc['name']}")
		agent.button("一次性告知（暂停计时）")
		expect(agent.dialog()).to_be_visible()
		agent.dialog_select("approval", "工程建设许可 · 建设工程规划许可证核发")
		agent.dialog().locator('[data-fieldname="missing_materials"] textarea').fill(
			"建设工程设计方案（修改稿）"
		)
		agent.dialog_primary()
		paused = "() => cur_frm.doc.approvals.some((r) => r.is_paused)"
		agent.page.wait_for_function(paused)
		expect(agent.page.locator(".gs-project-gantt .bar-wrapper.gs-gantt-paused")).to_have_count(1)
		agent.shot("clock-stopped")
		self.assert_chinese(agent)
		agent.button("材料已补齐")
		expect(agent.dialog()).to_be_visible()
		agent.dialog_primary()
		agent.page.wait_for_function(f"() => !({paused})()")
		self.assertEqual(len(agent.doc()["approval_pauses"]), 1)
		# the liaison agent's weekly ledger and the time-saved comparison list the project
		for report in ("Key Project Ledger", "Approval Time Saved"):
			agent.goto(f"/app/query-report/{report}")
			expect(agent.page.locator(".dt-scrollable")).to_contain_text(doc["name"])
			agent.shot(report.lower().replace(" ", "-"))
			self.assert_chinese(agent)
		# the ledger printed as PDF
		self.assert_pdf(agent, "govservice.api.printing.project_ledger_pdf")
		# the ledger every Monday by email: the agent turns it on from the report
		agent.goto("/app/query-report/Key Project Ledger")
		agent.button("每周邮件")
		expect(agent.dialog()).to_be_visible()
		agent.check("enabled", ".modal.show")
		agent.shot("weekly-email")
		agent.dialog_primary()
		expect(agent.page.locator(".desk-alert .alert-message").last).to_contain_text("每周一")
		state = agent.page.context.request.get(
			f"{BASE}/api/method/govservice.key_projects.ledger_mail.weekly_ledger_mail"
		)
		self.assertEqual(state.json()["message"], {"enabled": True})


class TestElectronicSupervision(DeskTestCase):
	"""电子监察: the day's run gave the overdue case of 金龙村 a yellow warning. Its agent reads it and opens the
	case from it; the supervisory officer reads the board, records the handling and closes the alert."""

	def open_alert(self, desk: Desk) -> None:
		desk.goto(f"/app/gs-supervision-alert/{SETUP['supervision_alert']}")
		desk.page.wait_for_function("() => cur_frm && cur_frm.doc && cur_frm.doc.name")
		desk.wait()

	def test_the_agent_named_reads_the_alert_and_opens_the_case(self):
		agent = self.desk("village_agent")
		self.open_alert(agent)
		self.assertEqual(agent.doc()["level"], "Yellow Warning")
		expect(agent.page.locator(".page-head .title-text")).to_contain_text("代办件")
		expect(agent.page.locator(".page-actions .btn:visible", has_text="记录处理情况")).to_have_count(0)
		agent.shot("alert")
		self.assert_chinese(agent)
		agent.button("打开原记录")
		agent.page.wait_for_function(
			f"() => cur_frm && cur_frm.doctype === 'GS Case' && cur_frm.doc.name === '{SETUP['overdue_case']}'"
		)
		agent.shot("case")

	def test_the_supervisory_officer_handles_and_closes_an_alert(self):
		officer = self.desk("supervisory")
		officer.goto("/app/supervision")
		expect(officer.page.locator(".number-widget-box").first).to_be_visible()
		# the open alerts, newest first (the day's run also warns of the demo's overdue visits)
		expect(officer.page.locator(".quick-list-widget-box .quick-list-item").first).to_be_visible()
		officer.shot("board")
		self.assert_chinese(officer)
		self.open_alert(officer)
		# every field is the system's: no save, only the supervisory actions
		expect(officer.page.locator(".page-actions .btn:visible", has_text="保存")).to_have_count(0)
		officer.shot("alert")
		self.assert_chinese(officer)
		officer.button("记录处理情况")
		expect(officer.dialog()).to_be_visible()
		officer.dialog_select("handling", "纠错")
		officer.dialog().locator('[data-fieldname="note"] textarea').fill(
			"已督促代办员当日办结，并说明超期原因"
		)
		officer.shot("handling")
		officer.dialog_primary()
		officer.page.wait_for_function("() => cur_frm.doc.handling === 'Correction'")
		officer.wait()
		officer.button("办结预警")
		officer.confirm()
		officer.page.wait_for_function("() => cur_frm.doc.status === 'Closed'")
		officer.wait()
		doc = officer.doc()
		self.assertEqual(doc["closed_by"], SETUP["users"]["supervisory"])
		self.assertIn("当日办结", doc["handling_note"])
		officer.shot("closed")
		self.assert_chinese(officer)


class TestSupervisionBoard(DeskTestCase):
	"""电子监察看板: the supervisory officer opens the board from 电子监察, sees 金龙村's case past its promised
	limit (within the statutory one) as a yellow light and drills down to it; 走马镇's supervisor sees only 走马镇's centres; 人社局's contact opens it from the
	办不成事 workspace and sees only the department's clocks."""

	def board(self, desk: Desk, action) -> list[dict]:
		"""Do `action` (which runs the report) and read the rows it answered with."""
		with desk.page.expect_response(lambda r: "frappe.desk.query_report.run" in r.url) as answered:
			action()
		self.assertEqual(answered.value.status, 200)
		desk.wait()
		return answered.value.json()["message"]["result"]

	def test_each_level_reads_its_clocks_and_drills_down(self):
		officer = self.desk("supervisory")
		officer.goto("/app/supervision")
		rows = self.board(
			officer,
			lambda: officer.page.locator(".shortcut-widget-box", has_text="电子监察看板").first.click(),
		)
		jinlong = next(row for row in rows if row["key"] == "走马镇金龙村")
		self.assertGreaterEqual(jinlong["Yellow"], 1)
		officer.shot("board")
		self.assert_chinese(officer)
		yellow = officer.page.locator(".dt-row", has_text="金龙村便民服务站").locator(
			"a.gs-drill[data-light=Yellow]"
		)
		clocks = self.board(officer, lambda: yellow.first.click())
		self.assertIn(SETUP["overdue_case"], [row["record"] for row in clocks])
		self.assertEqual({row["light"] for row in clocks}, {"黄灯"})
		officer.shot("yellow-clocks")
		self.assert_chinese(officer)
		totals = self.board(officer, lambda: officer.button("返回汇总"))
		self.assertTrue(all("Red" in row for row in totals))

		supervisor = self.desk("supervisor")
		keys = {
			row["key"]
			for row in self.board(supervisor, lambda: supervisor.goto("/app/query-report/Supervision Board"))
		}
		self.assertIn("走马镇金龙村", keys)
		self.assertTrue(all(key.startswith("走马镇") for key in keys), keys)
		supervisor.shot("township")
		self.assert_chinese(supervisor)

		contact = self.desk("contact")
		contact.goto("/app/complaint-window")
		self.board(
			contact,
			lambda: contact.page.locator(".shortcut-widget-box", has_text="电子监察看板").first.click(),
		)
		rows = self.board(
			contact,
			lambda: contact.page.evaluate(
				"() => frappe.query_report.set_filter_value('group_by', 'Department')"
			),
		)
		self.assertTrue({row["key"] for row in rows} <= {SETUP["departments"]["social"]}, rows)
		contact.shot("department")
		self.assert_chinese(contact)


class TestSupervisionOfKeyProjects(DeskTestCase):
	"""监督考核 of 重点项目: the county's supervisory officer reads every key project, its ledger and the
	time-saved comparison, and prints the ledger, without changing a project; a department's leader in
	charge (人社局) reads the ledger of the projects his department approves in."""

	def ledger_projects(self, desk: Desk) -> list[str]:
		desk.goto("/app/query-report/Key Project Ledger")
		expect(desk.page.locator(".dt-scrollable .dt-row").first).to_be_visible()
		desk.page.wait_for_function("() => (frappe.query_report.data || []).length > 0")
		return desk.page.evaluate("() => frappe.query_report.data.map((row) => row.project)")

	def test_the_supervisory_officer_reads_every_project_and_its_ledger(self):
		supervisory = self.desk("supervisory")
		supervisory.goto("/app/key-projects")
		expect(supervisory.page.locator(".widget.quick-list-widget-box")).to_be_visible()
		supervisory.shot("workspace")
		self.assert_chinese(supervisory)
		every = set(
			supervisory.page.evaluate(
				"() => frappe.db.get_list('GS Key Project', {limit: 0}).then((rows) => rows.map((r) => r.name))"
			)
		)
		self.assertTrue(every)
		listed = self.ledger_projects(supervisory)
		self.assertEqual(set(listed), every)
		supervisory.shot("ledger")
		self.assert_chinese(supervisory)
		self.assert_pdf(supervisory, "govservice.api.printing.project_ledger_pdf")
		supervisory.goto("/app/query-report/Approval Time Saved")
		expect(supervisory.page.locator(".dt-scrollable .dt-row").first).to_be_visible()
		supervisory.shot("time-saved")
		self.assert_chinese(supervisory)
		# a project of the demo opens read-only: no save, no plan or approval actions
		demo = supervisory.page.evaluate(
			"""() => frappe.db.get_list('GS Key Project', {filters: {project_name: ['like', '%茶旅融合%']}})
				.then((rows) => rows[0].name)"""
		)
		supervisory.goto(f"/app/gs-key-project/{demo}")
		supervisory.page.wait_for_function("() => cur_frm && cur_frm.doc && cur_frm.doc.name")
		self.assertFalse(supervisory.page.evaluate("() => Boolean(cur_frm.perm[0].write)"))
		for label in ("保存", "受理本阶段", "登记审批结果", "套用流程模板"):
			expect(supervisory.page.locator(".page-actions button:visible", has_text=label)).to_have_count(0)
		supervisory.shot("project-read-only")
		self.assert_chinese(supervisory)

	def test_a_departments_leader_reads_the_ledger_of_its_approvals(self):
		leader = self.desk("leader")
		department = SETUP["departments"]["social"]
		listed = self.ledger_projects(leader)
		leader.shot("ledger")
		self.assert_chinese(leader)
		for name in listed:
			project = leader.page.context.request.get(f"{BASE}/api/resource/GS Key Project/{name}")
			self.assertEqual(project.status, 200, name)
			departments = {row["department"] for row in project.json()["data"]["approvals"]}
			self.assertIn(department, departments, f"{name} in the leader's ledger")
		leader.goto("/app/query-report/Approval Time Saved")
		expect(leader.page.locator(".page-head")).to_contain_text("审批")
		leader.shot("time-saved")
		self.assert_chinese(leader)


class TestDepartmentSupervision(DeskTestCase):
	"""部门监察: 人社局's contact opens the department's desk page: its open red cards and yellow warnings, its
	overdue 办不成事 matters, the alerts in hand, and from there the board (the department's clocks only)."""

	def test_a_department_reads_its_own_supervision(self):
		contact = self.desk("contact")
		contact.goto("/app/department-supervision")
		expect(contact.page.locator(".number-widget-box")).to_have_count(3)
		contact.page.wait_for_function(
			"() => document.querySelectorAll('.number-widget-box .number-card-loading').length === 0"
		)
		for label in ("电子监察看板", "重点项目代办台账", "驻镇人员双重考核"):
			expect(contact.page.locator(".shortcut-widget-box", has_text=label).first).to_be_visible()
		contact.wait()
		contact.shot("department-page")
		self.assert_chinese(contact)
		with contact.page.expect_response(lambda r: "frappe.desk.query_report.run" in r.url) as answered:
			contact.page.locator(".shortcut-widget-box", has_text="电子监察看板").first.click()
		self.assertEqual(answered.value.status, 200)
		contact.wait()
		with contact.page.expect_response(lambda r: "frappe.desk.query_report.run" in r.url) as answered:
			contact.page.evaluate("() => frappe.query_report.set_filter_value('group_by', 'Department')")
		keys = {row["key"] for row in answered.value.json()["message"]["result"]}
		self.assertTrue(keys <= {SETUP["departments"]["social"]}, keys)
		contact.wait()
		contact.shot("department-board")
		self.assert_chinese(contact)


class TestMonthlyPerformanceFigures(DeskTestCase):
	"""绩效评估: the first working day's run left last month's figures as drafts. The township supervisor of 走马镇
	reads those of its township and villages only; the supervisory officer publishes the month, corrects the
	county centre's figures with a reason (a new version), and anyone reads the published month on the
	portal."""

	def reports(self, desk: Desk) -> dict[str, str]:
		month = SETUP["performance"]["month"]
		desk.goto(f"/app/gs-performance-report?month={month}")
		expect(desk.page.locator(".list-row-container").first).to_be_visible()
		rows = desk.page.evaluate(
			"""(month) => frappe.db.get_list('GS Performance Report', {filters: {month: month,
				status: ['!=', 'Superseded']}, fields: ['name', 'service_centre'], limit: 0})""",
			month,
		)
		return {row["service_centre"]: row["name"] for row in rows}

	def test_a_township_supervisor_reads_its_townships_figures_only(self):
		centres = SETUP["performance"]["centres"]
		supervisor = self.desk("supervisor")
		mine = self.reports(supervisor)
		self.assertIn(centres["township"], mine)
		self.assertIn(centres["village"], mine)
		self.assertNotIn(centres["other_township"], mine)
		self.assertNotIn(centres["county"], mine)
		supervisor.shot("list")
		self.assert_chinese(supervisor)
		supervisor.goto(f"/app/gs-performance-report/{mine[centres['village']]}")
		supervisor.page.wait_for_function("() => cur_frm && cur_frm.doc && cur_frm.doc.month")
		supervisor.wait()
		for label in ("发布本月数据", "更正数据", "保存"):
			expect(supervisor.page.locator(".page-actions .btn:visible", has_text=label)).to_have_count(0)
		supervisor.shot("village")
		self.assert_chinese(supervisor)

	def test_the_supervisory_officer_publishes_the_month_and_corrects_a_centre(self):
		performance = SETUP["performance"]
		officer = self.desk("supervisory")
		officer.goto("/app/supervision")
		expect(officer.page.locator(".shortcut-widget-box", has_text="绩效月报")).to_be_visible()
		officer.shot("board")
		every = self.reports(officer)
		self.assertIn(performance["centres"]["other_township"], every)
		officer.shot("list")
		self.assert_chinese(officer)
		officer.goto(f"/app/gs-performance-report/{performance['county_report']}")
		officer.page.wait_for_function("() => cur_frm && cur_frm.doc && cur_frm.doc.month")
		officer.wait()
		self.assertEqual(officer.doc()["status"], "Draft")
		expect(officer.page.locator(".page-actions .btn:visible", has_text="保存")).to_have_count(0)
		officer.shot("draft")
		self.assert_chinese(officer)
		officer.button("发布本月数据")
		officer.confirm()
		officer.page.wait_for_function("() => cur_frm.doc.status === 'Published'")
		officer.wait()
		self.assertEqual(officer.doc()["published_by"], SETUP["users"]["supervisory"])
		officer.shot("published")
		officer.button("更正数据")
		expect(officer.dialog()).to_be_visible()
		officer.dialog().locator('[data-fieldname="reason"] textarea').fill(
			"县中心补录两件上月办结件，重新计算"
		)
		officer.shot("correction")
		officer.dialog_primary()
		officer.page.wait_for_function(
			f"() => cur_frm && cur_frm.doc.previous_version === '{performance['county_report']}'"
		)
		officer.wait()
		corrected = officer.doc()
		self.assertEqual((corrected["version"], corrected["status"]), (2, "Published"))
		officer.shot("corrected")
		self.assert_chinese(officer)
		# the month's 月报 as the county reads it, and its designed PDF
		officer.goto(f"/app/query-report/Monthly Service Report?month={performance['month']}")
		officer.page.wait_for_function("() => frappe.query_report && !frappe.query_report.loading")
		officer.wait()
		expect(officer.page.locator(".dt-row", has_text="鹤峰县政务服务中心").first).to_be_visible()
		officer.shot("monthly-report")
		self.assert_chinese(officer)
		with officer.page.context.expect_event(
			"response", lambda r: "monthly_report_pdf" in r.url
		) as answered:
			officer.page.locator(
				".page-actions .btn:visible, .custom-actions .btn:visible", has_text="月报PDF"
			).first.click()
		self.assertEqual(answered.value.status, 200)
		self.assertEqual(answered.value.headers["content-type"], "application/pdf")
		pdf = self.assert_pdf(
			officer, "govservice.supervision.monthly_report.monthly_report_pdf", month=performance["month"]
		)
		with open(os.path.join(SHOTS, f"{self._testMethodName}-monthly-report.pdf"), "wb") as out:
			out.write(pdf)
		# the portal: the month as published, the county centre's figures marked corrected
		guest = self.browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
		self.addCleanup(guest.close)
		page = guest.new_page()
		page.goto(f"{BASE}/performance?month={performance['month'][:7]}")
		card = page.locator(".card", has_text="鹤峰县政务服务中心")
		expect(card).to_contain_text("已更正")
		expect(page.locator("h1")).to_have_text("政务服务绩效公示")
		page.screenshot(
			path=os.path.join(SHOTS, f"{self._testMethodName}-guest-performance.png"), full_page=True
		)
		self.assertEqual(english_on(page), [])


class TestJointMeeting(DeskTestCase):
	"""联席会议: the supervisory officer plans the month's joint meeting, drafts its agenda from the month, records
	the attendance and a decision for 人社局 with a deadline, and prints the minutes; 人社局's business contact
	opens the meeting and reports the decision done (nobody types its progress)."""

	def test_the_supervisory_officer_holds_the_meeting_and_the_department_reports_its_decision_done(self):
		officer = self.desk("supervisory")
		officer.goto("/app/gs-joint-meeting/new")
		today = officer.page.evaluate("() => frappe.datetime.str_to_user(frappe.datetime.get_today())")
		for field in ("meeting_date", "review_month"):  # typed, and the date picker closed with Escape
			box = officer.field(field).locator("input").first
			box.fill(today)
			box.press("Escape")
		officer.fill("venue", "县政务服务中心三楼会议室")
		box = officer.field("chair").locator("input").first
		box.fill(
			"县优化办主任"
		)  # no Tab out of the section's last field: it would step into the agenda's grid
		self.assertEqual(officer.doc().get("agenda") or [], [])
		officer.add_row(
			"attendance", {"department": ("人力资源", "县人力资源和社会保障局"), "attendee": "王科长"}
		)
		officer.save()
		officer.shot("planned")
		officer.button("起草议程")
		officer.confirm()
		officer.page.wait_for_function("() => (cur_frm.doc.agenda || []).length > 0")
		officer.wait()
		sections = {row["section"] for row in officer.doc()["agenda"]}
		self.assertIn("Figures Against Last Month", sections)
		officer.shot("agenda")
		self.assert_chinese(officer)
		# typed without a Tab: out of the summary it would step into the decisions' grid
		officer.field("summary").locator("textarea").first.fill(
			"会议听取了本月代办工作情况汇报，研究了超期事项的督办。"
		)
		officer.add_row(
			"decisions",
			{
				"decision": "人社局本月底前答复超期的“办不成事”事项",
				"owner_department": ("人力资源", "县人力资源和社会保障局"),
				"deadline_date": today,
			},
		)
		officer.save()
		meeting = officer.doc()
		self.assertEqual(meeting["decisions"][0]["decision_status"], "Open")
		officer.shot("decision")
		self.assert_chinese(officer)
		self.assert_pdf(
			officer,
			"govservice.api.printing.download_pdf",
			doctype="GS Joint Meeting",
			name=meeting["name"],
			print_format="GS Joint Meeting Minutes",
		)
		contact = self.desk("contact")
		contact.goto(f"/app/gs-joint-meeting/{meeting['name']}")
		contact.page.wait_for_function("() => cur_frm && cur_frm.doc && cur_frm.doc.name")
		contact.wait()
		expect(contact.page.locator(".page-actions .btn:visible", has_text="起草议程")).to_have_count(0)
		contact.shot("meeting")
		self.assert_chinese(contact)
		contact.button("报告议定事项办结")
		expect(contact.dialog()).to_be_visible()
		contact.dialog().locator('[data-fieldname="note"] textarea').fill(
			"已于本周答复反映人，并建立周报制度"
		)
		contact.shot("report")
		contact.dialog_primary()
		contact.page.wait_for_function("() => cur_frm.doc.decisions[0].decision_status === 'Done'")
		contact.wait()
		self.assertEqual(contact.doc()["decisions"][0]["done_by"], SETUP["users"]["contact"])
		contact.shot("done")
		self.assert_chinese(contact)


class TestInspection(DeskTestCase):
	"""督查检查: the supervisory officer inspects 金龙村's station against the window standards' checklist the
	administrators keep, records each item, a finding for its agent 朱永平 with three working days, and
	completes the inspection; the agent opens it and reports the finding rectified."""

	def record_result(self, desk: Desk, index: int, label: str, note: str | None = None) -> None:
		opener = desk.page.locator(
			f'.frappe-control[data-fieldname="results"] .grid-body .grid-row[data-idx="{index}"] .btn-open-row'
		).first
		opener.click()
		try:
			desk.page.locator(".grid-row-open").wait_for(timeout=5000)
		except PlaywrightTimeoutError:  # the previous row was still closing: ask again
			opener.click()
			desk.page.locator(".grid-row-open").wait_for()
		desk.select("result", label, scope=".grid-row-open")
		if note:
			desk.field("note", ".grid-row-open").locator("textarea").fill(note)
		desk.page.locator(".grid-row-open .grid-collapse-row").first.click()
		expect(desk.page.locator(".grid-row-open")).to_have_count(0)

	def test_the_supervisory_officer_inspects_a_station_and_its_agent_rectifies(self):
		officer = self.desk("supervisory")
		officer.goto("/app/gs-inspection/new")
		officer.link("template", "窗口服务", pick="窗口服务标准化检查")
		officer.link("service_centre", "金龙村", pick="金龙村便民服务站")
		box = officer.field("inspection_date").locator("input").first
		box.fill(officer.page.evaluate("() => frappe.datetime.str_to_user(frappe.datetime.get_today())"))
		box.press("Escape")
		officer.field("inspectors").locator("textarea").fill("县优化办 张三、李四")
		officer.save()
		officer.button("载入检查表")
		officer.page.wait_for_function("() => (cur_frm.doc.results || []).length === 7")
		officer.wait()
		officer.shot("checklist")
		self.assert_chinese(officer)
		for index in range(1, 8):
			if index == 2:
				self.record_result(officer, index, "部分达标", "服务指南两项未更新")
			else:
				self.record_result(officer, index, "达标")
		officer.add_row(
			"findings",
			{
				"finding": "服务指南未按最新目录更新",
				"owner_agent": ("朱永平", "朱永平"),
				"deadline_days": "3",
			},
		)
		officer.save()
		officer.shot("recorded")
		officer.button("完成检查")
		officer.confirm()
		officer.page.wait_for_function("() => cur_frm.doc.status === 'Completed'")
		officer.wait()
		doc = officer.doc()
		self.assertEqual(doc["score"], 92.5)
		self.assertEqual(doc["findings"][0]["owner_user"], SETUP["users"]["village_agent"])
		self.assertTrue(doc["findings"][0]["deadline_date"])
		expect(officer.page.locator(".page-actions .btn:visible", has_text="保存")).to_have_count(0)
		officer.shot("completed")
		self.assert_chinese(officer)
		agent = self.desk("village_agent")
		agent.goto(f"/app/gs-inspection/{doc['name']}")
		agent.page.wait_for_function("() => cur_frm && cur_frm.doc && cur_frm.doc.name")
		agent.wait()
		agent.shot("inspection")
		self.assert_chinese(agent)
		agent.button("报告问题整改完成")
		expect(agent.dialog()).to_be_visible()
		agent.dialog().locator('[data-fieldname="note"] textarea').fill("已按最新目录更新服务指南并重新张贴")
		agent.shot("report")
		agent.dialog_primary()
		agent.page.wait_for_function("() => cur_frm.doc.findings[0].finding_status === 'Closed'")
		agent.wait()
		self.assertEqual(agent.doc()["findings"][0]["closed_by"], SETUP["users"]["village_agent"])
		agent.shot("rectified")
		self.assert_chinese(agent)


class TestQuarterlyEvaluation(DeskTestCase):
	"""三亮三评 and 双争: the supervisory officer opens the quarter's round; the county hall's three agents score
	each other (同事互评) from My Work; 走马镇's supervisor writes 金龙村 agent 朱永平's duties and promise (亮职责,
	亮承诺) and gives him the leader's review, seeing his own township's results only; the supervisory officer
	computes the results, confirms the proposed 代办服务标兵 and prints the certificate and the result list;
	朱永平 reads his result (never who scored him), and a citizen's phone shows his title on the station's
	public page."""

	def score_colleagues(self, role: str, scores: dict[str, str]) -> None:
		agent = self.desk(role)
		agent.goto("/app/my-work")
		agent.page.locator(".shortcut-widget-box", has_text="三亮三评").first.click()
		agent.page.locator(f'.list-row-container a[data-name="{SETUP["evaluation"]["round"]}"]').first.click()
		agent.page.wait_for_function("() => cur_frm && cur_frm.doc && cur_frm.doc.status === 'Peer Rating'")
		agent.wait()
		agent.button("同事互评")
		dialog = agent.dialog()
		expect(dialog).to_be_visible()
		for name, score in scores.items():
			dialog.locator(".frappe-control", has_text=name).locator("input").fill(score)
		agent.shot("scores")
		self.assert_chinese(agent)
		agent.dialog_primary()
		expect(agent.page.locator(".modal.show")).to_have_count(0)
		# what the agent reads of colleagues' scores: only those given
		given = agent.page.evaluate(
			"() => frappe.db.get_list('GS Peer Rating', {fields: ['rater'], limit: 0})"
		)
		self.assertEqual({row["rater"] for row in given}, {SETUP["users"][role]})

	def test_a_quarter_evaluated_by_citizens_colleagues_and_leaders_and_its_titles_published(self):
		evaluation = SETUP["evaluation"]
		officer = self.desk("supervisory")
		officer.goto("/app/gs-evaluation-round/new")
		officer.fill("year", str(evaluation["year"]))
		officer.select("quarter", str(evaluation["quarter"]))
		officer.save()
		round_doc = officer.doc()
		self.assertEqual((round_doc["name"], round_doc["status"]), (evaluation["round"], "Peer Rating"))
		self.assertEqual((round_doc["weight_citizen"], round_doc["min_peer_raters"]), (50, 2))
		self.assertGreaterEqual(round_doc["agents_count"], 19)
		officer.shot("opened")
		self.assert_chinese(officer)

		self.score_colleagues("county_agent", {"向春燕": "92", "覃志刚": "85"})
		self.score_colleagues("county_agent2", {"田晓峰": "90", "覃志刚": "88"})
		self.score_colleagues("county_agent3", {"田晓峰": "94"})

		supervisor = self.desk("supervisor")
		supervisor.goto(f"/app/gs-evaluation-result?round={evaluation['round']}&result_type=Agent")
		expect(supervisor.page.locator(".list-row-container").first).to_be_visible()
		mine = supervisor.page.evaluate(
			"""(round) => frappe.db.get_list('GS Evaluation Result', {filters: {round: round},
				fields: ['agent_name', 'service_centre'], limit: 0})""",
			evaluation["round"],
		)
		names = {row["agent_name"] for row in mine}
		self.assertIn("朱永平", names)
		self.assertIn("唐建军", names)  # the township's own agents
		self.assertNotIn("田晓峰", names)  # the county hall's
		self.assertNotIn("邓国华", names)  # 燕子镇's
		supervisor.shot("results")
		self.assert_chinese(supervisor)
		agent_id = supervisor.page.evaluate(
			"() => frappe.db.get_value('GS Agent', {agent_name: '朱永平'}, 'name').then(r => r.message.name)"
		)
		supervisor.open_form(f"/app/gs-agent/{agent_id}")
		supervisor.field("duties").locator("textarea").fill(
			"为金龙村群众代办社保、民政、户籍等事项，上门服务特殊群体"
		)
		supervisor.field("service_promise").locator("textarea").fill("有求必应，一次办好，代办不收任何费用")
		supervisor.save()
		result = next(r for r in mine if r["agent_name"] == "朱永平")
		result_name = supervisor.page.evaluate(
			"""(round) => frappe.db.get_value('GS Evaluation Result', {round: round, agent_name: '朱永平'},
				'name').then(r => r.message.name)""",
			evaluation["round"],
		)
		supervisor.open_form(f"/app/gs-evaluation-result/{result_name}")
		supervisor.button("领导点评")
		expect(supervisor.dialog()).to_be_visible()
		supervisor.dialog().locator('[data-fieldname="score"] input').fill("95")
		supervisor.dialog().locator('[data-fieldname="comment"] textarea').fill("坚持上门代办，群众认可度高")
		supervisor.shot("review")
		self.assert_chinese(supervisor)
		supervisor.dialog_primary()
		supervisor.page.wait_for_function("() => cur_frm.doc.reviewed_by")
		self.assertEqual(supervisor.doc()["leader_score"], 95)
		supervisor.shot("reviewed")
		self.assertTrue(result["service_centre"])

		officer.open_form(f"/app/gs-evaluation-round/{evaluation['round']}")
		officer.button("计算评议结果")
		officer.page.wait_for_function("() => cur_frm.doc.status === 'Reviewing'")
		officer.wait()
		figures = officer.page.evaluate(
			"""(round) => frappe.db.get_list('GS Evaluation Result', {filters: {round: round,
				agent_name: ['in', ['朱永平', '田晓峰', '覃志刚']]}, fields: ['agent_name', 'citizen_score',
				'ratings_count', 'peer_score', 'peer_count', 'leader_score', 'total_score', 'proposed_title'],
				limit: 0})""",
			evaluation["round"],
		)
		by_name = {row["agent_name"]: row for row in figures}
		zhu = by_name["朱永平"]
		self.assertGreaterEqual(zhu["ratings_count"], 5)
		self.assertEqual(zhu["leader_score"], 95)
		self.assertEqual(zhu["proposed_title"], "Model Proxy Agent")
		self.assertEqual((by_name["田晓峰"]["peer_score"], by_name["田晓峰"]["peer_count"]), (92, 2))
		self.assertEqual((by_name["覃志刚"]["peer_score"], by_name["覃志刚"]["peer_count"]), (86.5, 2))
		officer.shot("computed")
		self.assert_chinese(officer)
		officer.button("确认称号")
		dialog = officer.dialog()
		expect(dialog).to_contain_text("代办服务标兵：朱永平")
		officer.shot("confirm")
		self.assert_chinese(officer)
		officer.dialog_primary()
		officer.page.wait_for_function("() => cur_frm.doc.status === 'Confirmed'")
		officer.wait()
		expect(officer.page.locator(".page-actions .btn:visible", has_text="计算评议结果")).to_have_count(0)
		officer.shot("confirmed")
		self.assert_chinese(officer)
		listed = self.assert_pdf(
			officer,
			"frappe.utils.print_format.download_pdf",
			doctype="GS Evaluation Round",
			name=evaluation["round"],
			format="GS Evaluation Result List",
		)
		self.assertGreater(len(listed), 5000)
		self.assert_pdf(
			officer,
			"frappe.utils.print_format.download_pdf",
			doctype="GS Evaluation Result",
			name=result_name,
			format="GS Evaluation Certificate",
		)
		officer.goto(f"/app/print/GS Evaluation Result/{result_name}")
		preview = officer.page.frame_locator("iframe.print-format-container").locator(".print-format")
		expect(preview).to_contain_text("荣誉证书")
		expect(preview).to_contain_text("代办服务标兵")
		expect(preview).to_contain_text("朱永平")
		officer.shot("certificate")

		agent = self.desk("village_agent")
		agent.open_form(f"/app/gs-evaluation-result/{result_name}")
		expect(agent.page.locator(".form-message").first).to_contain_text("代办服务标兵")
		expect(agent.page.locator(".page-actions .btn:visible", has_text="领导点评")).to_have_count(0)
		own = agent.page.evaluate(
			"() => frappe.db.get_list('GS Evaluation Result', {fields: ['agent_name'], limit: 0})"
		)
		self.assertEqual({row["agent_name"] for row in own}, {"朱永平"})
		agent.shot("own-result")
		self.assert_chinese(agent)

		guest = self.browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
		self.addCleanup(guest.close)
		page = guest.new_page()
		page.goto(f"{BASE}/service-centres")
		page.locator("a", has_text="金龙村便民服务站").first.click()
		person = page.locator(".gs-agent", has_text="朱永平")
		expect(person).to_contain_text("代办服务标兵")
		expect(person).to_contain_text("有求必应，一次办好")
		expect(person).to_contain_text("岗位职责")
		page.screenshot(path=os.path.join(SHOTS, f"{self._testMethodName}-guest-station.png"), full_page=True)
		self.assertEqual(english_on(page), [])


class TestTownshipAssessment(DeskTestCase):
	"""综合考核: the administrator moves five points of weight from 三亮三评 to the questionnaire; a citizen
	answers the satisfaction questionnaire about 金龙村 on a phone, without an account; the supervisory officer
	opens the quarter's assessment with a member of 人社局's staff stationed in 走马镇; 走马镇's supervisor gives
	the township's score and 人社局's contact the department's (双重考核, each on the page 驻镇人员双重考核,
	each seeing only their side); the officer computes the ranking, publishes it and prints it; 走马镇's
	supervisor reads it and its report, and can change neither it nor a score."""

	def test_the_quarter_assessed_from_the_records_and_published(self):
		assessment = SETUP["assessment"]
		admin = self.desk("administrator")
		for indicator, weight in (("三亮三评平均分", "0"), ("满意度问卷", "20")):
			admin.goto(f"/app/gs-assessment-indicator/{indicator}")
			admin.page.wait_for_function("() => cur_frm && cur_frm.doc && cur_frm.doc.indicator_name")
			admin.fill("weight", weight)
			admin.save()
		admin.goto("/app/gs-assessment-indicator")
		expect(admin.page.locator(".list-row-container").first).to_be_visible()
		admin.shot("indicators")
		self.assert_chinese(admin)

		guest = self.browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
		self.addCleanup(guest.close)
		page = guest.new_page()
		page.goto(f"{BASE}/questionnaire")
		page.select_option("#centre", label="金龙村便民服务站")
		page.locator('label[for="level-1"]').click()  # overall: 非常满意
		for question, level in (
			("attitude", "非常满意"),
			("efficiency", "满意"),
			("environment", "基本满意"),
		):
			page.locator(f'fieldset[data-question="{question}"]').get_by_text(level, exact=True).click()
		page.fill("#comment", "代办员上门办理，很方便")
		page.screenshot(
			path=os.path.join(SHOTS, f"{self._testMethodName}-guest-questionnaire-filled.png"), full_page=True
		)
		self.assertEqual(english_on(page), [])
		page.locator("button[type=submit]").click()
		expect(page.locator(".gs-thanks")).to_be_visible()
		page.screenshot(
			path=os.path.join(SHOTS, f"{self._testMethodName}-guest-questionnaire.png"), full_page=True
		)
		self.assertEqual(english_on(page), [])

		officer = self.desk("supervisory")
		officer.goto("/app/gs-township-assessment/new")
		officer.fill("year", str(assessment["year"]))
		officer.select("quarter", str(assessment["quarter"]))
		officer.add_row(
			"stationed_staff",
			{
				"staff_name": "李派驻",
				"department": ("人力资源", SETUP["departments"]["social"].split(" - ")[0]),
				"township": ("走马镇", "走马镇便民服务中心"),
			},
		)
		officer.save()
		doc = officer.doc()
		self.assertEqual((doc["name"], doc["status"]), (assessment["name"], "Draft"))

		# 双重考核: each side scores its own part, from its own workspace
		supervisor = self.desk("supervisor")
		supervisor.goto("/app/supervision")
		supervisor.page.locator(".shortcut-widget-box", has_text="驻镇人员双重考核").first.click()
		self.score_stationed(supervisor, "township", "92")
		contact = self.desk("contact")
		contact.goto("/app/complaint-window")
		contact.page.locator(".shortcut-widget-box", has_text="驻镇人员双重考核").first.click()
		self.score_stationed(contact, "department", "85")
		officer.open_form(f"/app/gs-township-assessment/{assessment['name']}")
		row = officer.doc()["stationed_staff"][0]
		self.assertEqual((row["township_score"], row["department_score"]), (92, 85))
		self.assertEqual(row["total_score"], 89.2)  # 92 × 60 % + 85 × 40 %
		officer.shot("draft")
		self.assert_chinese(officer)
		officer.button("计算考核排名")
		officer.page.wait_for_function("() => (cur_frm.doc.rankings || []).length > 0")
		officer.wait()
		ranking = {row["township"]: row for row in officer.doc()["rankings"]}
		zouma = next(name for name in ranking if "走马镇" in name)
		self.assertGreaterEqual(ranking[zouma]["rank"], 1)
		questionnaire = next(
			line
			for line in officer.doc()["lines"]
			if line["township"] == zouma and line["indicator"] == "满意度问卷"
		)
		self.assertTrue(questionnaire["has_value"])
		self.assertEqual(questionnaire["weight"], 20)
		officer.shot("computed")
		self.assert_chinese(officer)
		officer.button("发布考核结果")
		officer.confirm()
		officer.page.wait_for_function("() => cur_frm.doc.status === 'Published'")
		officer.wait()
		expect(officer.page.locator(".page-actions .btn:visible", has_text="计算考核排名")).to_have_count(0)
		officer.shot("published")
		self.assert_chinese(officer)
		self.assert_pdf(
			officer,
			"frappe.utils.print_format.download_pdf",
			doctype="GS Township Assessment",
			name=assessment["name"],
			format="GS Township Assessment Result",
		)

		supervisor.goto("/app/stationed-staff")
		expect(supervisor.page.locator(".gs-stationed-table tr", has_text="李派驻")).to_contain_text("92")
		expect(supervisor.page.locator(".gs-stationed-table input")).to_have_count(0)  # published
		supervisor.shot("stationed-published")
		self.assert_chinese(supervisor)
		supervisor.open_form(f"/app/gs-township-assessment/{assessment['name']}")
		for label in ("计算考核排名", "发布考核结果", "保存"):
			expect(supervisor.page.locator(".page-actions .btn:visible", has_text=label)).to_have_count(0)
		supervisor.shot("assessment")
		self.assert_chinese(supervisor)
		supervisor.button("考核报表")
		expect(supervisor.page.locator(".dt-row", has_text="走马镇").first).to_be_visible()
		supervisor.shot("report")
		self.assert_chinese(supervisor)

	def score_stationed(self, desk: Desk, side: str, score: str) -> None:
		"""On 驻镇人员双重考核: give the stationed 李派驻 `side`'s score; the other side is not the reader's."""
		row = desk.page.locator(".gs-stationed-table tbody tr", has_text="李派驻")
		expect(row).to_be_visible()
		other = "department" if side == "township" else "township"
		expect(row.locator(f'input[data-side="{other}"]')).to_have_count(0)
		row.locator(f'input[data-side="{side}"]').fill(score)
		desk.shot(f"stationed-{side}")
		self.assert_chinese(desk)
		with desk.page.expect_response(lambda r: "score_stationed" in r.url) as answered:
			desk.button("保存评分")
		self.assertEqual(answered.value.status, 200, answered.value.text()[:200])
		desk.wait()
		expect(row.locator(f'input[data-side="{side}"]')).to_have_value(score)


class TestStatistics(DeskTestCase):
	"""统计分析: 走马镇's supervisor reads the statistics of the township and its villages — number cards and
	charts with Chinese labels —, opens the 月报 and asks for it by email every month."""

	def test_a_township_supervisor_reads_the_statistics_and_asks_for_the_monthly_report(self):
		supervisor = self.desk("supervisor")
		supervisor.goto("/app/statistics")
		expect(supervisor.page.locator(".number-widget-box")).to_have_count(3)
		expect(supervisor.page.locator(".dashboard-widget-box")).to_have_count(6)
		supervisor.page.wait_for_function(
			"() => document.querySelectorAll('.number-widget-box .number-card-loading').length === 0"
		)
		expect(supervisor.page.locator(".dashboard-widget-box .chart-container svg").first).to_be_visible()
		supervisor.wait()
		# the bar charts drawn (their animation ended): the township's cases by item
		supervisor.page.wait_for_function(
			"() => [...document.querySelectorAll('.dashboard-widget-box rect.bar')]"
			".some((bar) => parseFloat(bar.getAttribute('height')) > 0)"
		)
		supervisor.shot("statistics")
		self.assert_chinese(supervisor)
		supervisor.goto("/app/query-report/Monthly Service Report")
		supervisor.page.wait_for_function("() => frappe.query_report && !frappe.query_report.loading")
		supervisor.wait()
		supervisor.shot("monthly-report")
		self.assert_chinese(supervisor)
		supervisor.page.locator(
			".page-actions .btn:visible, .custom-actions .btn:visible", has_text="每月邮件"
		).first.click()
		expect(supervisor.dialog()).to_be_visible()
		supervisor.dialog().locator('[data-fieldname="enabled"] input[type=checkbox]:visible').first.check()
		supervisor.dialog_primary()
		expect(
			supervisor.page.locator(".alert-message, .desk-alert", has_text="月报将按月发送到您的邮箱").first
		).to_be_visible()
		supervisor.shot("monthly-email")


class TestVillageOutreach(DeskTestCase):
	"""村民办事不出村: the village agent, on a phone in the field, visits a person overdue on the visit plan,
	turns the needs found into door-to-door cases, then runs the week's collection: fills the sheet, dispatches
	it (the county's item goes up the same day) and prints it for the notice board."""

	def test_village_agent_runs_a_weeks_collection_and_a_round_of_visits_on_a_phone(self):
		agent = self.desk("village_agent", phone=True)
		agent.goto("/app/village-outreach")
		expect(agent.page.locator(".number-widget-box .number").first).to_be_visible()
		agent.shot("workspace")
		self.assert_chinese(agent)

		# the visit plan: who is overdue in the agent's village
		agent.goto("/app/query-report/Visit Plan")
		expect(agent.page.locator(".dt-row", has_text="逾期").first).to_be_visible()
		agent.shot("visit-plan")
		self.assert_chinese(agent)
		# what the job needs is on the phone's screen: who, how late, the phone number
		for text in ("逾期", "139718"):
			cell = agent.page.locator(".dt-scrollable .dt-cell__content", has_text=text).first
			box = cell.bounding_box()
			self.assertLessEqual(box["x"] + box["width"], 391, f"{text} is off the phone's screen")
		member = agent.page.evaluate(
			"""() => frappe.db.get_list("GS Special Group Member", {
				filters: {next_visit_due: ["<", frappe.datetime.get_today()]},
				fields: ["name"], limit: 1}).then((rows) => rows[0].name)"""
		)
		agent.goto(f"/app/gs-special-group-member/{member}")
		expect(agent.page.locator(".form-dashboard, .form-message", has_text="逾期").first).to_be_visible()
		agent.shot("overdue-person")
		self.assertTrue(agent.fits_width(), "the register entry is wider than the phone")
		self.assert_chinese(agent)

		member_name = agent.doc()["full_name"]
		# the visit, with two needs found (the field's actions are buttons on the phone, not menu entries)
		agent.field_action("登记走访")
		agent.page.wait_for_function("() => cur_frm && cur_frm.doctype === 'GS Special Group Visit'")
		expect(agent.field("member").locator("input")).not_to_have_value("")
		agent.fill("visitors", "村代办员、村医")
		agent.fill("findings", f"独居,腿脚不便,需代办高龄津贴和残疾人证({STAMP})")
		agent.check("contact_card_given")
		agent.check("leaflets_given")
		items = SETUP["outreach_items"]
		agent.add_row(
			"needs",
			{"description": "申领高龄津贴", "service_item": (items["village"], items["village_name"])},
		)
		agent.add_row(
			"needs",
			{"description": "办理无犯罪记录证明", "service_item": (items["county"], items["county_name"])},
		)
		agent.shot("visit-filled")
		self.assertTrue(agent.fits_width(), "the visit form is wider than the phone")
		agent.save()
		agent.field_action("生成办件")
		agent.page.wait_for_function("() => cur_frm.doc.needs.every((row) => row.gs_case)")
		agent.wait()
		agent.field("needs").scroll_into_view_if_needed()
		agent.shot("visit-cases")
		self.assert_chinese(agent)
		cases = agent.page.evaluate("() => cur_frm.doc.needs.map((row) => [row.gs_case, row.case_centre])")
		village = agent.page.evaluate("() => cur_frm.doc.service_centre")
		self.assertEqual(cases[0][1], village)  # handled at the village
		self.assertNotEqual(cases[1][1], village)  # sent up the same day to the level that handles it
		at_home = agent.page.evaluate(
			f"() => frappe.db.get_value('GS Case', '{cases[0][0]}', 'is_door_to_door').then((r) => r.message)"
		)
		self.assertEqual(at_home["is_door_to_door"], 1)  # 高龄津贴申领 is on the door-to-door list
		# the agent still follows the case sent up (首办负责)
		agent.goto(f"/app/gs-case/{cases[1][0]}")
		expect(agent.page.locator(".page-head .indicator-pill").first).to_be_visible()
		case = agent.doc()
		self.assertEqual((case["intake_channel"], case["urgency"]), ("Door-to-Door Visit", "Green Channel"))
		self.assertEqual(case["transferred_from"], village)
		agent.shot("case-sent-up")
		self.assert_chinese(agent)

		# the week's collection
		agent.goto("/app/gs-collection-sheet/new")
		expect(agent.field("collected_by").locator("input")).not_to_have_value("")
		agent.fill("collection_place", "村委会便民服务站")
		agent.add_row(
			"requests",
			{
				"requester_name": "周明",
				"request": "为儿子办理身份证换领",
				"urgency": "缓",
				"service_item": (items["village"], items["village_name"]),
				"id_number": id_number(901),
				"phone": "13971800901",
			},
		)
		agent.add_row(
			"requests",
			{
				"requester_name": "吴芳",
				"request": "外出务工急需无犯罪记录证明",
				"urgency": "急",
				"service_item": (items["county"], items["county_name"]),
				"id_number": id_number(902),
				"phone": "13971800902",
			},
		)
		agent.add_row(
			"requests",
			# not a government matter: ticked off first, so the row's form has shown its reply fields before
			# anything is typed (typed while it redraws, the reply once ended up in the requester's name)
			{
				"is_government_matter": 0,
				"requester_name": "郑强",
				"request": "与邻居因排水沟纠纷",
				"urgency": "重",
				"phone": "13971800903",
				"reply": "已请村调委会当日上门调解",
				"referral": "村人民调解委员会",
			},
		)
		typed = agent.page.evaluate(
			"() => cur_frm.doc.requests.slice(-1).map((row) => [row.requester_name, row.reply, row.referral])[0]"
		)
		self.assertEqual(typed, ["郑强", "已请村调委会当日上门调解", "村人民调解委员会"])
		# a person of the register: choosing them fills in who and how to reach them
		agent.add_row(
			"requests",
			{
				"request": "代领高龄津贴",
				"urgency": "轻",
				"service_item": (items["village"], items["village_name"]),
				"special_group_member": (member, member_name),
			},
		)
		filled = agent.page.evaluate(
			"() => cur_frm.doc.requests.slice(-1).map((row) => [row.requester_name, row.phone])[0]"
		)
		self.assertEqual(filled[0], member_name)
		self.assertTrue(filled[1])
		agent.shot("sheet-filled")
		self.assertTrue(agent.fits_width(), "the collection sheet is wider than the phone")
		agent.save()
		agent.field_action("分派")
		agent.confirm()
		agent.page.wait_for_function("() => cur_frm.doc.status === 'Dispatched'")
		agent.wait()
		rows = agent.page.evaluate(
			"() => cur_frm.doc.requests.map((row) => [row.requester_name, row.gs_case, row.case_centre, row.case_state])"
		)
		by_name = {row[0]: row for row in rows}
		self.assertEqual(by_name["周明"][2], village)
		self.assertNotEqual(by_name["吴芳"][2], village)
		self.assertIsNone(by_name["郑强"][1])
		self.assertEqual(by_name["郑强"][3], "已答复并转介")
		agent.field("requests").scroll_into_view_if_needed()
		# a dispatched row shows its case and state on the phone's screen
		state = agent.field("requests").locator('.grid-static-col[data-fieldname="case_state"]').first
		expect(state).to_be_visible()
		box = state.bounding_box()
		self.assertLessEqual(box["x"] + box["width"], 391, "the rows' state is off the phone's screen")
		agent.shot("sheet-dispatched")
		self.assert_chinese(agent)
		name = agent.doc()["name"]
		self.assert_pdf(
			agent,
			"govservice.api.printing.download_pdf",
			doctype="GS Collection Sheet",
			name=name,
			print_format="GS Collection Notice",
		)

	def test_township_supervisor_reads_the_figures_of_the_townships_villages(self):
		supervisor = self.desk("supervisor")
		supervisor.goto("/app/village-outreach")
		expect(supervisor.page.locator(".number-widget-box .number", has_text="%").first).to_be_visible()
		supervisor.shot("cards")
		self.assert_chinese(supervisor)
		supervisor.goto("/app/query-report/Village Service Figures")
		expect(supervisor.page.locator(".dt-row", has_text="金龙村").first).to_be_visible()
		supervisor.shot("figures")
		self.assert_chinese(supervisor)
		villages = supervisor.page.evaluate(
			"() => frappe.query_report.data.map((row) => row.centre_name).filter((name) => name)"
		)
		self.assertTrue(villages)
		towns = supervisor.page.evaluate(
			"""() => frappe.db.get_list("GS Service Centre", {filters: {level: "Village",
				parent_gs_service_centre: ["!=", "走马镇"]}, fields: ["official_name"], limit: 0})
				.then((rows) => rows.map((row) => row.official_name))"""
		)
		self.assertFalse(set(villages) & set(towns), "villages of another township in the figures")


class TestAdministrator(DeskTestCase):
	"""The county's administrator changes the case workflow and adds a notification, in the desk, without
	code and without being a system manager; a case then uses both."""

	def grid_row(self, desk: Desk, table: str):
		grid = desk.field(table)
		grid.locator(".grid-add-row").click()
		return grid.locator(".grid-body .grid-row").last

	def grid_link(self, desk: Desk, row, fieldname: str, text: str) -> None:
		row.locator(f'.grid-static-col[data-fieldname="{fieldname}"]').click()
		box = row.locator(f'.grid-static-col[data-fieldname="{fieldname}"] input').first
		box.fill(text)
		desk.page.locator(".awesomplete ul:not([hidden]) [role=option]", has_text=text).first.click()

	def test_the_administrators_screens_are_in_chinese(self):
		"""The workflow with its states, a new notification with its help, the working-day calendar: no
		English on the administrator's screens (names the app creates are Chinese)."""
		admin = self.desk("administrator")
		year = admin.page.evaluate("() => Number(frappe.datetime.get_today().slice(0, 4)) + 1")
		for route in (
			"/app/workflow/GS Case",
			"/app/notification/new",
			f"/app/gs-calendar-year/{year}",
		):
			admin.goto(route)
			admin.page.locator(".page-container:visible .form-layout").first.wait_for()
			admin.shot(route.rsplit("/", 1)[-1])
			self.assert_chinese(admin)
		self.assertIn("工作日历", admin.doc()["holiday_list"])  # the Holiday List the year writes

	def test_the_administrator_is_told_what_the_sites_running_needs(self):
		"""A text the carrier refused (and whatever else the site's own running needs: the scheduler, errors,
		backups) is shown to the administrator in Chinese when the desk starts, once a session."""
		admin = self.desk("administrator")
		alert = admin.page.locator("#alert-container", has_text="短信运营商")
		alert.wait_for(timeout=20000)
		admin.shot("told")
		self.assert_chinese(admin)
		admin.goto("/app/gs-settings")
		admin.page.locator(".page-container:visible .form-layout").first.wait_for()
		self.assertEqual(admin.page.locator("#alert-container", has_text="短信运营商").count(), 0)

	def test_adds_a_workflow_state_and_a_notification_to_the_agent(self):
		admin = self.desk("administrator")
		expect(admin.page).to_have_url(f"{BASE}/app/government-service")
		state, action = f"预审{STAMP}", f"送预审{STAMP}"
		admin.goto("/app/workflow-state/new")
		admin.fill("workflow_state_name", state)
		admin.save()
		admin.goto("/app/workflow-action-master/new")
		admin.fill("workflow_action_name", action)
		admin.save()

		admin.goto("/app/workflow/GS Case")
		row = self.grid_row(admin, "states")
		self.grid_link(admin, row, "state", state)
		self.grid_link(admin, row, "allow_edit", "桌面用户")  # Desk User: every staff account
		for source, via, target in (("已登记", action, state), (state, "受理", "已受理")):
			row = self.grid_row(admin, "transitions")
			self.grid_link(admin, row, "state", source)
			self.grid_link(admin, row, "action", via)
			self.grid_link(admin, row, "next_state", target)
			self.grid_link(admin, row, "allowed", "代办员")  # GS Agent
		admin.shot("workflow")
		admin.save()
		# (the states' Update Value column holds the stage keys the rules read: Registered, Accepted…)

		admin.goto("/app/notification/new")
		admin.fill("__newname", f"代办件状态变更{STAMP}")
		admin.select("channel", value="System Notification")  # the desk's bell: no e-mail needed
		admin.fill("subject", f"代办件状态变更{STAMP}")
		admin.select("event", value="Value Change")
		admin.link("document_type", "代办件")  # GS Case, by its Chinese name
		admin.page.wait_for_timeout(800)
		admin.select("value_changed", value="status")
		row = self.grid_row(admin, "recipients")
		row.locator('.grid-static-col[data-fieldname="receiver_by_document_field"]').click()
		row.locator('.grid-static-col[data-fieldname="receiver_by_document_field"] select').select_option(
			value="agent_user"
		)
		admin.shot("notification")
		admin.save()

		agent = self.desk("village_agent")
		name = self.register_case(agent, "village", f"唐老伯{STAMP}", 16)
		agent.action(action)
		agent.wait()
		agent.expect_state(state)
		agent.action("受理")
		agent.wait()
		agent.expect_state("已受理")
		self.assertTrue(agent.doc()["deadline_date"])  # the rules followed the meaning, not the name
		agent.shot("case-through-new-state")
		for _attempt in range(20):  # the notification is written by a background job
			logs = agent.page.context.request.get(
				f"{BASE}/api/method/frappe.client.get_count",
				params={
					"doctype": "Notification Log",
					"filters": json.dumps({"document_name": name, "subject": ["like", f"%{STAMP}%"]}),
				},
			).json()["message"]
			if logs:
				break
			time.sleep(0.5)
		self.assertGreaterEqual(logs, 1, "the agent was notified through the case's agent field")


SMS_URL = os.environ.get("GS_SMS_URL", "http://127.0.0.1:8025")
INJECTED = "#gs-injected, #gs-pixel, a[href^='http://evil']"
# a remote image put into a page as if something had slipped through: the site's policy must block it
REMOTE_IMAGE = """(url) => new Promise((resolve) => {
	document.addEventListener("securitypolicyviolation", (e) => resolve(e.violatedDirective), { once: true });
	const img = document.createElement("img");
	img.src = url;
	document.body.appendChild(img);
	setTimeout(() => resolve(null), 8000);
})"""


def pixels() -> list[str]:
	"""The remote images the stranger's server (the local gateway's /pixel) was asked for."""
	return requests.get(f"{SMS_URL}/pixels", timeout=10).json()


class TestTypedTextIsText(DeskTestCase):
	"""Markup a citizen or an agent typed is shown as text where staff read it: no block covers the screen,
	no link or remote image appears, and the site's Content-Security-Policy blocks a remote image anyway."""

	def assert_text_only(self, desk: Desk, place: str) -> None:
		self.assertEqual(desk.page.locator(INJECTED).count(), 0, f"{place}: markup became part of the page")
		self.assertIn("点击核验", desk.page.content(), f"{place}: the typed text is not shown")
		desk.shot(place)

	def test_typed_markup_stays_text_in_ledgers_forms_and_prints(self):
		typed = SETUP["typed"]
		window = self.desk("window")
		day = typed["registered"]
		window.goto(f"/app/query-report/Complaint Tracking Ledger?from_date={day}&to_date={day}")
		window.page.locator(".dt-scrollable .dt-row").first.wait_for()
		self.assert_text_only(window, "complaint-ledger")
		window.goto(f"/app/gs-complaint/{typed['complaint']}")
		self.assert_text_only(window, "complaint-form")

		supervisor = self.desk("supervisor")
		supervisor.goto(f"/app/gs-collection-sheet/{typed['sheet']}")
		self.assert_text_only(supervisor, "collection-sheet")

		agent = self.desk("village_agent", phone=True)
		agent.goto(f"/app/gs-special-group-visit/{typed['visit']}")
		self.assert_text_only(agent, "visit")
		agent.goto(f"/app/gs-case/{typed['case']}")
		self.assert_text_only(agent, "case-form")
		agent.page.goto(f"{BASE}/printview?doctype=GS Case&name={typed['case']}&format=Standard")
		agent.page.wait_for_load_state("networkidle")
		self.assert_text_only(agent, "case-standard-print")
		self.assertEqual([p for p in pixels() if not p.startswith("/pixel/csp-")], [])

	def test_the_policy_blocks_remote_images_on_desk_portal_and_print(self):
		typed = SETUP["typed"]
		agent = self.desk("village_agent")
		for place, route in (
			("desk", f"/app/gs-case/{typed['case']}"),
			("portal", "/services"),
			("print", f"/printview?doctype=GS Case&name={typed['case']}&format=Standard"),
		):
			agent.page.goto(BASE + route)
			agent.page.wait_for_load_state("networkidle")
			directive = agent.page.evaluate(REMOTE_IMAGE, f"{SMS_URL}/pixel/csp-{place}")
			self.assertEqual(directive, "img-src", f"{place}: a remote image was not blocked")
			agent.shot(f"csp-{place}")
		# the refusals the browser reports are the test's own
		agent.problems[:] = [p for p in agent.problems if "Content Security Policy" not in p]
		self.assertEqual([p for p in pixels() if p.startswith("/pixel/csp-")], [])


if __name__ == "__main__":
	unittest.main()
