"""Casework rules the desk relies on, each run as the role that takes the step (frappe.set_user)."""

import datetime

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import getdate

from govservice.casework.doctype.gs_case.test_gs_case import CaseTestCase, ledger
from govservice.casework.errors import CaseError, ClosedCaseError
from govservice.organisation.doctype.gs_calendar_year.gs_calendar_year import ensure_calendar_years
from govservice.tests.utils import make_agent, make_centre, make_department, make_user


class TestTransferUp(CaseTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.county = frappe.db.get_value("GS Service Centre", cls.town, "parent_gs_service_centre")
		cls.county_agent = make_agent("case.county@test.govservice", cls.county).name
		cls.county_only = frappe.get_doc(
			{
				"doctype": "GS Service Item",
				**frappe.get_doc("GS Service Item", cls.county_item).as_dict(no_default_fields=True),
				"item_code": "T-CASE-COUNTY-ONLY",
				"item_name": "县级专办事项",
				"handled_at_township": 0,
				"handled_at_village": 0,
			}
		).insert()

	def tearDown(self):
		frappe.set_user("Administrator")

	def user_of(self, agent: str) -> str:
		return frappe.db.get_value("GS Agent", agent, "user")

	def test_village_and_township_agents_transfer_up_to_the_county(self):
		for agent, centre in ((self.agent, self.village), (self.town_agent, self.town)):
			case = self.new_case(service_item=self.county_only.name, centre=centre, agent=agent)
			frappe.set_user(self.user_of(agent))
			targets = [row["name"] for row in frappe.get_doc("GS Case", case.name).transfer_targets()]
			self.assertEqual(targets, [self.county])
			frappe.get_doc("GS Case", case.name).transfer(self.county, "县级事项,转县中心办理")
			frappe.set_user("Administrator")
			case = frappe.get_doc("GS Case", case.name)
			self.assertEqual(
				(case.service_centre, case.level, case.transferred_from), (self.county, "County", centre)
			)
			# the first-contact agent keeps following the case; the county sees it
			self.assertTrue(frappe.has_permission("GS Case", doc=case.name, user=self.user_of(agent)))
			self.assertTrue(
				frappe.has_permission("GS Case", doc=case.name, user=self.user_of(self.county_agent))
			)

	def test_the_first_agent_finds_a_transferred_case_in_lists_and_by_number(self):
		"""首办负责: the first-contact agent keeps following a case sent up, from the list as well as by URL."""
		case = self.new_case(service_item=self.county_only.name)
		user = self.user_of(self.agent)
		frappe.set_user(user)
		frappe.get_doc("GS Case", case.name).transfer(self.county, "县级事项,转县中心办理")
		self.assertIn(case.name, frappe.get_list("GS Case", pluck="name", limit_page_length=0))
		self.assertEqual(frappe.get_list("GS Case", filters={"name": case.name}, pluck="name"), [case.name])
		self.assertEqual(frappe.db.count("GS Case", {"name": case.name}), 1)
		frappe.get_doc("GS Case", case.name).record_call("电话告知申请人已转县中心")
		frappe.set_user("Administrator")
		row = frappe.get_all(
			"GS Work Log",
			filters={"gs_case": case.name, "user": user},
			fields=["service_centre"],
			order_by="creation desc",
			limit=1,
		)[0]
		self.assertEqual(row.service_centre, self.village)  # the village's work, in the village's ledger

	def test_the_ledger_keeps_where_each_step_was_taken(self):
		case = self.new_case(service_item=self.county_only.name)
		frappe.set_user(self.user_of(self.agent))
		frappe.get_doc("GS Case", case.name).transfer(self.county, "转县中心")
		frappe.set_user("Administrator")
		rows = frappe.get_all(
			"GS Work Log",
			filters={"gs_case": case.name},
			fields=["action", "service_centre", "user"],
			order_by="creation asc",
		)
		self.assertEqual(
			[(r.action, r.service_centre) for r in rows],
			[("Registered", self.village), ("Transferred", self.village)],
		)
		self.assertEqual(rows[-1].user, self.user_of(self.agent))

	def test_a_plain_save_never_moves_a_case(self):
		case = self.new_case()
		frappe.set_user(self.user_of(self.town_agent))
		doc = frappe.get_doc("GS Case", case.name)
		doc.service_centre = self.town
		with self.assertRaises(frappe.PermissionError):
			doc.save()


class TestLedgerAndClosedCases(CaseTestCase):
	def test_notice_row_lists_only_the_missing_required_materials(self):
		item = frappe.get_doc(
			{
				"doctype": "GS Service Item",
				**frappe.get_doc("GS Service Item", self.item).as_dict(no_default_fields=True),
				"item_code": "T-CASE-OPTIONAL",
				"materials": [
					{"material_name": "居民身份证", "is_required": 1},
					{"material_name": "照片", "is_required": 0},
				],
			}
		).insert()
		case = self.new_case(service_item=item.name)
		self.act(case, "Request Materials")
		row = frappe.get_all(
			"GS Work Log", filters={"gs_case": case.name, "action": "One-Time Notice"}, pluck="description"
		)
		self.assertEqual(len(row), 1)
		self.assertIn("居民身份证", row[0])
		self.assertNotIn("照片", row[0])  # optional: not in the notice, so not in its ledger row

	def test_a_task_is_completed_once(self):
		department = make_department("测试一次性任务局")
		case = self.receive(self.new_case(tasks=[{"department": department}]))
		case = self.act(case, "Accept")
		frappe.get_doc("GS Case", case.name).complete_task(department)
		first = frappe.db.get_value("GS Case Task", {"parent": case.name}, "completed_date")
		with self.assertRaises(CaseError):
			frappe.get_doc("GS Case", case.name).complete_task(department)
		self.assertEqual(frappe.db.get_value("GS Case Task", {"parent": case.name}, "completed_date"), first)
		self.assertEqual(ledger(case.name).count("Task Done"), 1)

	def test_work_log_rows_are_never_deleted(self):
		case = self.new_case()
		row = frappe.get_all("GS Work Log", filters={"gs_case": case.name}, pluck="name")[0]
		with self.assertRaises(frappe.PermissionError):
			frappe.delete_doc("GS Work Log", row)  # not even by the Administrator

	def test_a_closed_case_cannot_be_edited(self):
		case = self.new_case(not_accepted_reason="不符合条件")
		case = self.act(case, "Reject")
		self.assertEqual(case.stage, "Not Accepted")
		frappe.set_user(frappe.db.get_value("GS Agent", self.agent, "user"))
		try:
			doc = frappe.get_doc("GS Case", case.name)
			doc.request_note = "结案后再改"
			with self.assertRaises(ClosedCaseError):
				doc.save()
		finally:
			frappe.set_user("Administrator")

	def test_a_completed_case_changes_only_how_its_result_is_handed_over(self):
		case = self.receive(self.new_case())
		for action in ("Accept", "Start Handling", "Complete"):
			case = self.act(case, action)
		self.assertEqual(case.stage, "Completed")
		frappe.set_user(frappe.db.get_value("GS Agent", self.agent, "user"))
		try:
			for field, value in (
				("applicant_name", "改名"),
				("id_number", "110105195503150031"),
				("phone", "13900000001"),
				("address", "改地址"),
				("service_item", self.county_item),
			):
				doc = frappe.get_doc("GS Case", case.name)
				doc.set(field, value)
				with self.assertRaises(ClosedCaseError, msg=field):
					doc.save()
			doc = frappe.get_doc("GS Case", case.name)
			doc.materials[0].is_verified = 0 if doc.materials[0].is_verified else 1
			with self.assertRaises(ClosedCaseError):
				doc.save()
			doc = frappe.get_doc("GS Case", case.name)
			doc.delivery_method = "EMS"
			doc.ems_tracking_number = "EA123456789CN"
			doc.result = "已寄出"
			doc.save()  # how the result is handed over still changes
			self.assertEqual(frappe.get_doc("GS Case", case.name).applicant_name, case.applicant_name)
		finally:
			frappe.set_user("Administrator")


class TestWorkflowAsAdministratorsChangeIt(CaseTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.clear_cache(doctype="GS Case")

	def test_a_new_state_works_without_code(self):
		"""An administrator adds 预审中 (pre-review) between registration and acceptance, in the desk."""
		if not frappe.db.exists("Workflow State", "预审中"):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": "预审中"}).insert()
		if not frappe.db.exists("Workflow Action Master", "送预审"):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": "送预审"}).insert()
		workflow = frappe.get_doc("Workflow", "GS Case")
		workflow.append("states", {"state": "预审中", "doc_status": "0", "allow_edit": "Desk User"})
		workflow.append(
			"transitions",
			{
				"state": "Registered",
				"action": "送预审",
				"next_state": "预审中",
				"allowed": "GS Agent",
				"allow_self_approval": 1,
			},
		)
		workflow.append(
			"transitions",
			{
				"state": "预审中",
				"action": "Accept",
				"next_state": "Accepted",
				"allowed": "GS Agent",
				"allow_self_approval": 1,
			},
		)
		workflow.save()
		case = self.receive(self.new_case())
		frappe.set_user(frappe.db.get_value("GS Agent", self.agent, "user"))
		case = apply_workflow(frappe.get_doc("GS Case", case.name), "送预审")
		self.assertEqual((case.status, case.stage), ("预审中", "Registered"))
		self.assertFalse(case.deadline_date)  # still before acceptance: the clock has not started
		case = apply_workflow(frappe.get_doc("GS Case", case.name), "Accept")
		self.assertEqual((case.status, case.stage), ("Accepted", "Accepted"))
		self.assertTrue(case.deadline_date)
		self.assertIn("Other Note", ledger(case.name))

	def test_notifications_can_address_the_agent_b_post_and_supervisor(self):
		backup = make_agent("case.backup@test.govservice", self.village)
		agent = frappe.get_doc("GS Agent", self.agent)
		agent.backup_agent = backup.name
		agent.save()
		supervisor = make_user("case.town.supervisor@test.govservice", roles=("GS Supervisor",))
		town = frappe.get_doc("GS Service Centre", self.town)
		town.supervisor = supervisor
		town.save()
		case = self.new_case()
		self.assertEqual(case.agent_user, agent.user)
		self.assertEqual(case.backup_agent_user, backup.user)
		self.assertEqual(case.supervisor_user, supervisor)  # the village has none: its township's


class TestCentreScope(CaseTestCase):
	def test_clearing_a_supervisor_removes_their_scope(self):
		centre = make_centre(
			"范围测试镇",
			"Township",
			frappe.db.get_value("GS Service Centre", self.town, "parent_gs_service_centre"),
		)
		supervisor = make_user("scope.supervisor@test.govservice", roles=("GS Supervisor",))
		doc = frappe.get_doc("GS Service Centre", centre)
		doc.supervisor = supervisor
		doc.save()
		self.assertTrue(frappe.db.exists("User Permission", {"user": supervisor, "for_value": centre}))
		doc.supervisor = None
		doc.save()
		self.assertFalse(frappe.db.exists("User Permission", {"user": supervisor, "for_value": centre}))

	def test_a_supervisor_who_is_also_an_agent_there_keeps_the_scope(self):
		centre = make_centre(
			"范围测试二镇",
			"Township",
			frappe.db.get_value("GS Service Centre", self.town, "parent_gs_service_centre"),
		)
		user = make_user("scope.both@test.govservice", roles=("GS Supervisor",))
		make_agent(user, centre)
		doc = frappe.get_doc("GS Service Centre", centre)
		doc.supervisor = user
		doc.save()
		doc.supervisor = None
		doc.save()
		self.assertTrue(frappe.db.exists("User Permission", {"user": user, "for_value": centre}))

	def test_window_officers_get_the_scope_of_their_centre(self):
		officer = make_user("scope.window@test.govservice", roles=("GS Window Officer",))
		doc = frappe.get_doc("GS Service Centre", self.town)
		doc.append(
			"windows",
			{"window_name": "综合受理窗口", "window_type": "Comprehensive Acceptance", "officer": officer},
		)
		doc.save()
		case = self.new_case()  # at a village of the township
		self.assertTrue(frappe.has_permission("GS Case", doc=case.name, user=officer))
		doc.windows = [row for row in doc.windows if row.officer != officer]
		doc.save()
		self.assertFalse(frappe.has_permission("GS Case", doc=case.name, user=officer))


class TestWorkflowChangesSurviveMigrate(CaseTestCase):
	"""Frappe imports fixtures with force on every migrate: the administrator's workflow must come back.
	(Frappe's fixture import commits, so the test imports the workflow's fixture file itself.)"""

	def import_fixture(self) -> None:
		from frappe.modules.import_file import import_file_by_path

		path = frappe.get_app_path("govservice", "fixtures", "workflow.json")
		import_file_by_path(path, data_import=True, force=True, reset_permissions=True)

	def setUp(self):
		from govservice.setup.workflows import remember_shipped

		super().setUp()
		frappe.set_user("Administrator")
		self.import_fixture()
		remember_shipped()
		self.shipped = len(frappe.get_doc("Workflow", "GS Case").transitions)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.clear_cache(doctype="GS Case")

	def migrate_fixtures(self) -> None:
		"""What `bench migrate` does to the workflow: before_migrate, the fixtures' import, after_migrate."""
		from govservice.setup.workflows import keep_changed, restore_kept

		keep_changed()
		self.import_fixture()
		restore_kept()

	def test_an_added_state_survives_and_an_untouched_workflow_follows_the_release(self):
		# untouched: the fixture's version stays
		self.migrate_fixtures()
		self.assertEqual(len(frappe.get_doc("Workflow", "GS Case").transitions), self.shipped)
		# the county's administrator adds a state and a transition in the desk
		admin = make_user("workflow.keeper@test.govservice", roles=("GS Administrator",))
		if not frappe.db.exists("Workflow State", "复核中"):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": "复核中"}).insert()
		frappe.set_user(admin)
		workflow = frappe.get_doc("Workflow", "GS Case")
		workflow.append("states", {"state": "复核中", "doc_status": "0", "allow_edit": "GS Agent"})
		workflow.append(
			"transitions",
			{"state": "Registered", "action": "Accept", "next_state": "复核中", "allowed": "GS Agent"},
		)
		workflow.save()
		frappe.set_user("Administrator")
		self.migrate_fixtures()
		workflow = frappe.get_doc("Workflow", "GS Case")
		self.assertIn("复核中", [row.state for row in workflow.states])
		self.assertEqual(len(workflow.transitions), self.shipped + 1)
		# and again at the next upgrade, although the system saved it last time
		self.migrate_fixtures()
		self.assertEqual(len(frappe.get_doc("Workflow", "GS Case").transitions), self.shipped + 1)


class TestProvisionalCalendarYears(CaseTestCase):
	"""A year whose State Council arrangement is not out is provisional; confirming it moves open deadlines."""

	def tearDown(self):
		frappe.set_user("Administrator")
		from govservice.organisation.calendar import invalidate_calendar

		invalidate_calendar()

	def test_a_provisional_year_is_told_and_confirming_it_moves_deadlines(self):
		from govservice.organisation.calendar import get_work_calendar, invalidate_calendar, is_provisional

		admin = make_user("calendar.admin@test.govservice", roles=("GS Administrator",))
		ensure_calendar_years([2089, 2090])
		year = frappe.get_doc("GS Calendar Year", 2090)
		self.assertTrue(year.is_provisional)
		self.assertTrue(is_provisional("2090-03-15"))
		told = frappe.get_all(
			"Notification Log", filters={"for_user": admin, "document_name": "2090"}, pluck="subject"
		)
		self.assertEqual(len(told), 1, "the administrators are told once")
		self.assertIn("2090", told[0])
		year.regenerate()
		self.assertEqual(frappe.db.count("Notification Log", {"for_user": admin, "document_name": "2090"}), 1)

		case = self.act(self.receive(self.new_case()), "Accept")
		invalidate_calendar()
		accepted = datetime.date(2090, 3, 1)
		deadline = get_work_calendar().add_working_days(accepted, 5)
		frappe.db.set_value("GS Case", case.name, {"accepted_on": accepted, "deadline_date": deadline})
		# the notice, as the administrator enters it: a weekday inside the case's five days is a holiday
		year.append(
			"adjustments", {"adjustment_date": "2090-03-02", "is_working_day": 0, "reason": "调休放假"}
		)
		year.save()
		result = year.confirm_arrangement("国办发明电〔2089〕1号")
		self.assertEqual(result["moved"], 1)
		moved = getdate(frappe.db.get_value("GS Case", case.name, "deadline_date"))
		self.assertEqual(moved, get_work_calendar().add_working_days(deadline, 1))
		self.assertFalse(frappe.db.get_value("GS Calendar Year", 2090, "is_provisional"))
		self.assertFalse(is_provisional("2090-03-15"))
		self.assertIn("Deadline Changed", ledger(case.name))
		agent_user = frappe.db.get_value("GS Agent", self.agent, "user")
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": agent_user, "document_name": case.name})
		)
		self.assertEqual(year.confirm_arrangement("国办发明电〔2089〕1号")["moved"], 0)  # once


class TestWorkflowActionBookkeeping(CaseTestCase):
	"""Frappe's Workflow Action records for cases are written only when the workflow e-mails them: agents
	work from the app's lists, and the bookkeeping was a third to a half of a portal submission's time."""

	def tearDown(self):
		frappe.db.set_value("Workflow", "GS Case", "send_email_alert", 0)
		frappe.clear_cache(doctype="GS Case")
		super().tearDown()

	def actions(self, case: str) -> int:
		return frappe.db.count("Workflow Action", {"reference_doctype": "GS Case", "reference_name": case})

	def test_none_without_email_alerts_and_frappes_own_with_them(self):
		case = self.new_case()
		self.assertEqual(self.actions(case.name), 0)
		frappe.db.set_value("Workflow", "GS Case", "send_email_alert", 1)
		frappe.clear_cache(doctype="GS Case")
		other = self.new_case()
		self.assertGreater(self.actions(other.name), 0)
