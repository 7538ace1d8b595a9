import datetime

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.utils import getdate

from govservice.casework.doctype.gs_case.gs_case import (
	AgentChangeError,
	CaseError,
	MissingMaterialsError,
	OneTimeNoticeError,
	WrongLevelError,
)
from govservice.organisation.doctype.gs_calendar_year.gs_calendar_year import ensure_calendar_years
from govservice.organisation.utils import grant_centre_scope
from govservice.tests.utils import (
	VALID_CREDIT_CODE,
	FrappeTestCase,
	make_agent,
	make_case,
	make_centre,
	make_department,
	make_service_item,
	make_user,
)
from govservice.utils import IdentifierError


def ledger(case: str) -> list[str]:
	return frappe.get_all(
		"GS Work Log", filters={"gs_case": case}, order_by="log_on asc, creation asc", pluck="action"
	)


class CaseTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_calendar_years([2026, 2027])
		county = make_centre("案件县", "County")
		cls.town = make_centre("案件镇", "Township", county)
		cls.village = make_centre("案件镇一村", "Village", cls.town)
		cls.other_town = make_centre("邻镇", "Township", county)
		cls.agent = make_agent("case.agent@test.govservice", cls.village).name
		cls.town_agent = make_agent("case.town@test.govservice", cls.town).name
		cls.other_agent = make_agent("case.other@test.govservice", cls.other_town).name
		cls.supervisor = make_user("case.supervisor@test.govservice", roles=("GS Supervisor", "GS Agent"))
		cls.item = make_service_item(
			"T-CASE-ITEM",
			item_name="高龄津贴申领",
			promised_limit_days=5,
			materials=[
				{"material_name": "居民身份证", "is_required": 1},
				{"material_name": "户口簿", "is_required": 1, "allows_deferred": 1},
				{"material_name": "银行卡", "is_required": 1},
			],
		).name
		cls.county_item = make_service_item(
			"T-CASE-COUNTY", item_name="残疾人证新办", handled_at_township=1, handled_at_village=0
		).name
		cls.business_item = make_service_item(
			"T-CASE-BUSINESS", item_name="食品经营许可", target="Legal Person"
		).name

	def new_case(self, **overrides):
		return make_case(
			overrides.pop("service_item", self.item),
			overrides.pop("centre", self.village),
			overrides.pop("agent", self.agent),
			**overrides,
		)

	def receive(self, case, *names):
		case = frappe.get_doc("GS Case", case.name)
		for row in case.materials:
			if not names or row.material_name in names:
				row.is_received = 1
		case.save()
		return frappe.get_doc("GS Case", case.name)

	def act(self, case, action):
		return apply_workflow(frappe.get_doc("GS Case", case.name), action)


class TestCaseRegistration(CaseTestCase):
	def test_registration_copies_materials_and_logs(self):
		case = self.new_case()
		self.assertEqual(case.status, "Registered")
		self.assertEqual([m.material_name for m in case.materials], ["居民身份证", "户口簿", "银行卡"])
		self.assertEqual(ledger(case.name), ["Registered"])

	def test_applicant_identity_is_checked(self):
		with self.assertRaises(CaseError):
			self.new_case(id_number="110105194912310021")
		enterprise = self.new_case(
			service_item=self.business_item,
			applicant_type="Enterprise",
			applicant_name="鹤峰茶业有限公司",
			id_number=None,
			credit_code=VALID_CREDIT_CODE.lower(),
		)
		self.assertEqual(enterprise.credit_code, VALID_CREDIT_CODE)
		with self.assertRaises(CaseError):
			self.new_case(
				service_item=self.business_item, applicant_type="Enterprise", credit_code="91350100M000100Y44"
			)

	def test_phone_and_applicant_type_are_checked(self):
		for phone in ("12345", "1380000000", "abc", "139١2060001"):
			with self.assertRaises(IdentifierError):  # the one phone rule of every app record
				self.new_case(phone=phone)
		self.assertEqual(self.new_case(phone="１３８ ０００ ０００００").phone, "13800000000")
		self.new_case(phone="0718-5221234")
		with self.assertRaises(CaseError):  # an item for legal persons only
			self.new_case(service_item=self.business_item)
		with self.assertRaises(CaseError):  # an item for individuals only
			self.new_case(applicant_type="Enterprise", id_number=None, credit_code=VALID_CREDIT_CODE)

	def test_special_groups_get_the_green_channel(self):
		case = self.new_case(is_special_group=1, special_group="Elderly")
		self.assertEqual(case.urgency, "Green Channel")

	def test_agent_must_work_at_the_receiving_centre(self):
		with self.assertRaises(AgentChangeError):
			self.new_case(agent=self.other_agent)

	def test_cases_are_never_deleted(self):
		case = self.new_case()
		with self.assertRaises(frappe.PermissionError):
			frappe.delete_doc("GS Case", case.name)


class TestCaseLifecycle(CaseTestCase):
	def test_accept_needs_key_materials_and_allows_deferral(self):
		case = self.new_case()
		with self.assertRaises(MissingMaterialsError):
			self.act(case, "Accept")
		case = self.receive(case, "居民身份证", "银行卡")
		with self.freeze_time("2026-09-30 10:00:00"):
			case = self.act(case, "Accept")
		self.assertEqual(case.status, "Accepted")
		self.assertTrue(case.accepted_with_deferral)
		# 5 working days after 2026-09-30: 10-08, 10-09, 10-10 (make-up Saturday), 10-12, 10-13
		self.assertEqual(getdate(case.deadline_date), datetime.date(2026, 10, 13))
		self.assertEqual(getdate(case.agreement_signed_date), datetime.date(2026, 9, 30))

	def test_full_path_to_archive(self):
		case = self.receive(self.new_case())
		case = self.act(case, "Accept")
		case = self.act(case, "Start Handling")
		case = self.act(case, "Complete")
		self.assertTrue(case.completed_on)
		with self.assertRaises(CaseError):
			self.act(case, "Hand Over and Archive")
		case = frappe.get_doc("GS Case", case.name)
		case.delivery_method = "EMS"
		case.save()
		case = self.act(case, "Hand Over and Archive")
		self.assertEqual(case.status, "Archived")
		self.assertEqual(
			ledger(case.name), ["Registered", "Accepted", "Started Handling", "Completed", "Archived"]
		)

	def test_refused_transitions(self):
		case = self.new_case()
		with self.assertRaises(WorkflowTransitionError):
			self.act(case, "Complete")
		with self.assertRaises(WorkflowTransitionError):
			self.act(case, "Hand Over and Archive")
		case = frappe.get_doc("GS Case", case.name)
		case.status = "Completed"
		with self.assertRaises(frappe.ValidationError):
			case.save()

	def test_window_officer_cannot_complete(self):
		case = self.receive(self.new_case())
		case = self.act(case, "Accept")
		case = self.act(case, "Start Handling")
		officer = make_user("case.window@test.govservice", roles=("GS Window Officer",))
		frappe.share.add_docshare(
			"GS Case", case.name, officer, write=1, flags={"ignore_share_permission": True}
		)
		frappe.set_user(officer)
		try:
			with self.assertRaises(WorkflowTransitionError):
				self.act(case, "Complete")
		finally:
			frappe.set_user("Administrator")

	def test_hard_cases_record_a_consultation_meeting(self):
		case = self.receive(self.new_case())
		case = self.act(case, "Accept")
		frappe.get_doc("GS Case", case.name).record_consultation(
			"2026-03-03", "县民政局、县人社局、乡镇便民服务中心", "由县民政局牵头,三个工作日内补办"
		)
		case = frappe.get_doc("GS Case", case.name)
		self.assertEqual(case.consultations[0].conclusion, "由县民政局牵头,三个工作日内补办")
		self.assertEqual(ledger(case.name)[-1], "Consultation")

	def test_not_accepted_needs_a_reason(self):
		case = self.new_case()
		with self.assertRaises(CaseError):
			self.act(case, "Reject")
		case.not_accepted_reason = "不属于本事项受理范围"
		case.save()
		case = self.act(case, "Reject")
		self.assertEqual(case.status, "Not Accepted")
		self.assertIn("Not Accepted", ledger(case.name))

	def test_termination_records_reason_and_returned_materials(self):
		case = self.receive(self.new_case())
		case = self.act(case, "Accept")
		with self.assertRaises(CaseError):
			self.act(case, "Terminate")
		case = frappe.get_doc("GS Case", case.name)
		case.terminated_by = "Applicant"
		case.termination_reason = "申请人自行办理"
		case.save()
		with self.assertRaises(CaseError):
			self.act(case, "Terminate")
		case = frappe.get_doc("GS Case", case.name)
		case.materials_returned = 1
		case.save()
		case = self.act(case, "Terminate")
		self.assertEqual(case.status, "Terminated")
		self.assertEqual(ledger(case.name)[-1], "Terminated")


class TestOneTimeNotice(CaseTestCase):
	def test_notice_lists_every_missing_material_and_pauses_the_clock(self):
		with self.freeze_time("2026-02-09 08:30:00"):
			case = self.receive(self.new_case(), "居民身份证", "银行卡", "户口簿")
		with self.freeze_time("2026-02-09 09:00:00"):
			case = self.act(case, "Accept")  # 5 working days: 02-10, 11, 12, 13, 14 (make-up Saturday)
		self.assertEqual(getdate(case.deadline_date), datetime.date(2026, 2, 14))
		with self.freeze_time("2026-02-09 10:00:00"):
			case = self.act(case, "Start Handling")
			case = frappe.get_doc("GS Case", case.name)
			for row in case.materials:
				row.is_received = 0 if row.material_name in ("户口簿", "银行卡") else 1
			case.save()
		with self.freeze_time("2026-02-10 15:00:00"):
			case = self.act(case, "Request Materials")
		self.assertTrue(case.is_paused)
		notice = frappe.get_doc("GS One-Time Notice", {"gs_case": case.name})
		self.assertEqual([m.material_name for m in notice.materials], ["户口簿", "银行卡"])
		with self.assertRaises(MissingMaterialsError):
			self.act(case, "Materials Supplied")
		case = self.receive(case)
		with self.freeze_time("2026-02-13 11:00:00"):
			case = self.act(case, "Materials Supplied")
		self.assertEqual(case.status, "In Progress")
		self.assertFalse(case.is_paused)
		# paused 02-11..02-13 (3 working days): the deadline moves 3 working days past 02-14
		self.assertEqual(case.paused_working_days, 3)
		self.assertEqual(getdate(case.deadline_date), datetime.date(2026, 2, 26))
		self.assertEqual(
			getdate(frappe.db.get_value("GS One-Time Notice", notice.name, "supplied_date")),
			datetime.date(2026, 2, 13),
		)
		self.assertEqual(
			ledger(case.name),
			["Registered", "Accepted", "Started Handling", "One-Time Notice", "Materials Supplied"],
		)

	def test_second_notice_for_a_new_material_needs_a_supervisor(self):
		case = self.receive(self.new_case(), "居民身份证", "户口簿")
		case = self.act(case, "Request Materials")  # lists 银行卡
		case = self.receive(case)
		case = self.act(case, "Materials Supplied")
		self.assertEqual(case.status, "Registered")
		case = frappe.get_doc("GS Case", case.name)
		for row in case.materials:
			row.is_received = 0 if row.material_name == "户口簿" else 1
		case.save()
		with self.assertRaises(OneTimeNoticeError):
			self.act(case, "Request Materials")
		case = frappe.get_doc("GS Case", case.name)
		case.supplementary_notice_reason = "户口簿信息与身份证不一致,需重新提供"
		case.save()
		frappe.set_user(self.supervisor)
		try:
			frappe.share.add_docshare(
				"GS Case", case.name, self.supervisor, write=1, flags={"ignore_share_permission": True}
			)
			case = self.act(case, "Request Materials")
		finally:
			frappe.set_user("Administrator")
		notices = frappe.get_all(
			"GS One-Time Notice",
			filters={"gs_case": case.name},
			fields=["is_supplementary", "supplementary_reason"],
			order_by="creation asc",
		)
		self.assertEqual([n.is_supplementary for n in notices], [0, 1])
		self.assertIn("户口簿", notices[1].supplementary_reason)


class TestTransferAndJointHandling(CaseTestCase):
	def test_wrong_level_must_transfer_on_the_day_of_receipt(self):
		with self.freeze_time("2026-02-13 09:00:00"):
			case = self.new_case(service_item=self.county_item)
		case = self.receive(case)
		with self.assertRaises(WrongLevelError):
			self.act(case, "Accept")
		case = frappe.get_doc("GS Case", case.name)
		with self.assertRaises(WrongLevelError):
			case.transfer(self.village, "本村无法办理")
		with self.freeze_time("2026-02-13 16:00:00"):
			case.transfer(self.town, "残疾人证由乡镇受理")
		case = frappe.get_doc("GS Case", case.name)
		self.assertEqual(case.service_centre, self.town)
		self.assertEqual(case.transferred_from, self.village)
		self.assertFalse(case.is_transfer_late)
		self.assertEqual(ledger(case.name)[-1], "Transferred")
		# the receiving centre sees the case; the first-contact agent still follows it
		town_user = frappe.db.get_value("GS Agent", self.town_agent, "user")
		village_user = frappe.db.get_value("GS Agent", self.agent, "user")
		self.assertTrue(frappe.has_permission("GS Case", doc=case.name, user=town_user))
		self.assertTrue(frappe.has_permission("GS Case", doc=case.name, user=village_user))
		case = self.act(case, "Accept")
		self.assertEqual(case.status, "Accepted")

	def test_transfer_after_the_day_of_receipt_is_flagged(self):
		# received on a Saturday that is a day off: due the next working day (Monday 02-23 is a holiday, so 02-24)
		with self.freeze_time("2026-02-21 10:00:00"):
			case = self.new_case(service_item=self.county_item)
		with self.freeze_time("2026-02-24 10:00:00"):
			frappe.get_doc("GS Case", case.name).transfer(self.town, "转乡镇")
		self.assertFalse(frappe.db.get_value("GS Case", case.name, "is_transfer_late"))
		with self.freeze_time("2026-02-24 10:00:00"):
			late = self.new_case(service_item=self.county_item)
		with self.freeze_time("2026-02-25 09:00:00"):
			frappe.get_doc("GS Case", late.name).transfer(self.town, "转乡镇")
		self.assertTrue(frappe.db.get_value("GS Case", late.name, "is_transfer_late"))

	def test_joint_case_completes_only_when_every_task_is_done(self):
		departments = [make_department(name) for name in ("测试人社局", "测试医保局")]
		case = self.receive(self.new_case(tasks=[{"department": d} for d in departments]))
		self.assertEqual([t.is_lead for t in case.tasks], [1, 0])
		case = self.act(case, "Accept")
		self.assertEqual({t.task_deadline_date for t in case.tasks}, {case.deadline_date})
		case = self.act(case, "Start Handling")
		case = frappe.get_doc("GS Case", case.name)
		case.complete_task(departments[0])
		with self.assertRaises(CaseError):
			self.act(case, "Complete")
		frappe.get_doc("GS Case", case.name).complete_task(departments[1])
		case = self.act(case, "Complete")
		self.assertEqual(case.status, "Completed")
		self.assertEqual(ledger(case.name).count("Task Done"), 2)

	def test_only_one_lead_department(self):
		departments = [make_department(name) for name in ("测试民政局", "测试残联")]
		with self.assertRaises(CaseError):
			self.new_case(tasks=[{"department": d, "is_lead": 1} for d in departments])


class TestCasePermissions(CaseTestCase):
	def test_agents_see_only_their_subtree(self):
		case = self.new_case()
		other = make_case(self.county_item, self.other_town, self.other_agent)
		village_user = frappe.db.get_value("GS Agent", self.agent, "user")
		town_user = frappe.db.get_value("GS Agent", self.town_agent, "user")
		other_user = frappe.db.get_value("GS Agent", self.other_agent, "user")
		frappe.set_user(town_user)
		try:
			visible = set(frappe.get_list("GS Case", pluck="name"))
			self.assertIn(case.name, visible)  # the township sees its villages' cases
			self.assertNotIn(other.name, visible)
		finally:
			frappe.set_user("Administrator")
		frappe.set_user(other_user)
		try:
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc("GS Case", case.name).check_permission("read")
		finally:
			frappe.set_user("Administrator")
		frappe.set_user(village_user)
		try:
			self.assertNotIn(other.name, set(frappe.get_list("GS Case", pluck="name")))
			with self.assertRaises(frappe.PermissionError):
				frappe.delete_doc("GS Case", case.name)
		finally:
			frappe.set_user("Administrator")

	def test_changing_the_first_contact_agent_needs_a_supervisor_and_reason(self):
		second = make_agent("case.second@test.govservice", self.village).name
		case = self.new_case()
		case.agent = second
		with self.assertRaises(AgentChangeError):
			case.save()
		frappe.set_user(self.supervisor)
		try:
			case = frappe.get_doc("GS Case", case.name)
			frappe.set_user("Administrator")
			frappe.share.add_docshare(
				"GS Case", case.name, self.supervisor, write=1, flags={"ignore_share_permission": True}
			)
			frappe.set_user(self.supervisor)
			case.agent = second
			case.agent_change_reason = "原代办员调岗"
			case.save()
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(ledger(case.name)[-1], "Agent Changed")


class TestWorkLogLedgerReport(CaseTestCase):
	def test_ledger_rows_by_period_centre_and_scope(self):
		from frappe.desk.query_report import run as run_report

		with self.freeze_time("2026-03-02 09:00:00", tick=True):
			case = self.receive(self.new_case())
			case = self.act(case, "Accept")
			frappe.get_doc("GS Case", case.name).record_call("电话告知办理进度")
		other = make_case(self.county_item, self.other_town, self.other_agent)

		def rows(**filters):
			result = run_report(
				"Work Log Ledger", filters={"from_date": "2026-03-01", "to_date": "2026-03-31", **filters}
			)
			return [(row["gs_case"], row["action"]) for row in result["result"]]

		mine = [action for name, action in rows(service_centre=self.village) if name == case.name]
		self.assertEqual(mine, ["Registered", "Accepted", "Call to Applicant"])
		self.assertNotIn(other.name, {name for name, _ in rows()})  # outside the period

		other_user = frappe.db.get_value("GS Agent", self.other_agent, "user")
		frappe.set_user(other_user)
		try:
			self.assertNotIn(case.name, {name for name, _ in rows()})
		finally:
			frappe.set_user("Administrator")


class TestLedgerPagesAndExport(CaseTestCase):
	"""A county's ledger is read a page at a time, and exported whole as CSV, through the reader's scope."""

	def setUp(self):
		super().setUp()
		with self.freeze_time("2026-04-06 09:00:00", tick=True):
			self.case = self.receive(self.new_case())
			for note in ("第一次回访", "第二次回访", "第三次回访", "第四次回访"):
				frappe.get_doc("GS Case", self.case.name).record_call(note)
			self.other = make_case(self.county_item, self.other_town, self.other_agent)

	def test_pages_and_the_total(self):
		from govservice.casework.report.work_log_ledger import work_log_ledger

		filters = {"from_date": "2026-04-01", "to_date": "2026-04-30"}
		page_rows = work_log_ledger.PAGE_ROWS
		work_log_ledger.PAGE_ROWS = 2
		try:
			_columns, first, message = work_log_ledger.execute(filters)
			_columns, second, _message = work_log_ledger.execute({**filters, "page": 2})
		finally:
			work_log_ledger.PAGE_ROWS = page_rows
		self.assertEqual(len(first), 2)
		self.assertEqual(len(second), 2)
		self.assertNotEqual([r.log_on for r in first], [r.log_on for r in second])
		self.assertIn("1", message)

	def test_export_streams_every_row_of_the_scope(self):
		import csv
		import io

		from werkzeug.test import EnvironBuilder

		from govservice.api import ledgers

		chunk = ledgers.CHUNK
		ledgers.CHUNK = 2  # many chunks: the keyset walk is what is tested
		frappe.local.request = EnvironBuilder(base_url="http://govservice-test.localhost/").get_request()
		user = frappe.db.get_value("GS Agent", self.agent, "user")
		frappe.set_user(user)
		try:
			response = ledgers.work_log_csv("2026-04-01", "2026-04-30")
			body = b"".join(response.response).decode("utf-8-sig")
			response.close()
		finally:
			ledgers.CHUNK = chunk
			frappe.set_user("Administrator")
			frappe.local.request = None
		rows = list(csv.reader(io.StringIO(body)))[1:]
		cases = [row[1] for row in rows]
		self.assertEqual(cases.count(self.case.name), 5)  # registered and four calls, none twice
		self.assertNotIn(self.other.name, cases)  # another township's case
		self.assertIn(
			'attachment; filename="work-log-2026-04-01-2026-04-30.csv"',
			response.headers["Content-Disposition"],
		)

	def test_export_is_for_readers_of_the_work_log(self):
		from govservice.api import ledgers

		frappe.set_user(make_user("ledger.nobody@test.govservice"))
		try:
			with self.assertRaises(frappe.PermissionError):
				ledgers.work_log_csv("2026-04-01", "2026-04-30")
		finally:
			frappe.set_user("Administrator")


class TestWorkflowRoles(CaseTestCase):
	"""Which role may take which action in each state (the GS Case workflow fixture)."""

	EXPECTED = {
		"Registered": {
			"GS Agent": {"Accept", "Request Materials", "Reject", "Terminate"},
			"GS Window Officer": {"Accept", "Request Materials", "Reject"},
		},
		"Accepted": {
			"GS Agent": {"Start Handling", "Request Materials", "Terminate"},
			"GS Window Officer": set(),
		},
		"In Progress": {
			"GS Agent": {"Complete", "Request Materials", "Terminate"},
			"GS Window Officer": set(),
		},
		"Completed": {"GS Agent": {"Hand Over and Archive"}, "GS Window Officer": set()},
		"Archived": {"GS Agent": set(), "GS Window Officer": set()},
		"Terminated": {"GS Agent": set(), "GS Window Officer": set()},
		"Not Accepted": {"GS Agent": set(), "GS Window Officer": set()},
	}

	def test_actions_per_state_and_role(self):
		from frappe.model.workflow import get_transitions

		users = {
			"GS Agent": make_user("wf.agent@test.govservice", roles=("GS Agent",)),
			"GS Window Officer": make_user("wf.window@test.govservice", roles=("GS Window Officer",)),
		}
		for user in users.values():  # staff see the cases of their centre only
			grant_centre_scope(user, self.village)
		case = self.new_case()
		for state, by_role in self.EXPECTED.items():
			case.status = state
			for role, expected in by_role.items():
				frappe.set_user(users[role])
				try:
					actions = {t.action for t in get_transitions(case)}
				finally:
					frappe.set_user("Administrator")
				self.assertEqual(actions, expected, f"{role} in {state}")
