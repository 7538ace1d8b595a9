"""The special-group register, visits, weekly collection, the figures and the reminders, as their roles."""

import datetime

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_months, getdate, today

from govservice.organisation.calendar import get_work_calendar
from govservice.organisation.doctype.gs_calendar_year.gs_calendar_year import ensure_calendar_years
from govservice.tests.utils import (
	FrappeTestCase,
	make_agent,
	make_centre,
	make_department,
	make_service_item,
	make_user,
	resident_id,
	use_site_language,
)
from govservice.village_outreach.errors import DispatchError, OutreachError
from govservice.village_outreach.figures import grouped_rows
from govservice.village_outreach.register import refresh_visit_plan
from govservice.village_outreach.reminders import send_visit_reminders

YOUNG = resident_id(801, "19900101")
OLD = resident_id(802, "19400101")


class OutreachTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		use_site_language()
		year = getdate().year
		ensure_calendar_years([year - 1, year, year + 1])
		county = make_centre("走访县", "County")
		cls.town = make_centre("走访镇", "Township", county)
		cls.village = make_centre("走访镇一村", "Village", cls.town)
		cls.village2 = make_centre("走访镇二村", "Village", cls.town)
		cls.other_town = make_centre("走访邻镇", "Township", county)
		cls.county = county
		cls.agent = make_agent("out.village@test.govservice", cls.village, agent_name="一村代办员")
		cls.agent2 = make_agent("out.village2@test.govservice", cls.village2)
		cls.town_agent = make_agent("out.town@test.govservice", cls.town)
		cls.other_agent = make_agent("out.other@test.govservice", cls.other_town)
		cls.county_agent = make_agent("out.county@test.govservice", county)
		cls.window = make_user("out.window@test.govservice", roles=("GS Window Officer",))
		for agent in (cls.agent, cls.agent2, cls.town_agent, cls.other_agent, cls.county_agent):
			frappe.get_doc("User", agent.user).add_roles("GS Agent")
		cls.department = make_department("走访残联")
		cls.village_item = make_service_item(
			"T-OUT-VILLAGE", item_name="高龄津贴申领", offers_door_to_door=1
		).name
		cls.county_item = make_service_item(
			"T-OUT-COUNTY",
			item_name="残疾人证新办",
			handled_at_township=0,
			handled_at_village=0,
			offers_door_to_door=1,
			department_visits_home=1,
			department=cls.department,
		).name
		settings = frappe.get_single("GS Settings")
		settings.update(
			{
				"elderly_age": 80,
				"visit_months_elderly": 3,
				"visit_months_lonely_elderly": 1,
				"visit_months_disabled": 3,
				"visit_months_orphan": 1,
				"enable_visit_reminders": 1,
			}
		)
		settings.save()

	def tearDown(self):
		frappe.set_user("Administrator")

	def member(self, id_number=OLD, village=None, agent=None, **fields):
		existing = frappe.db.get_value("GS Special Group Member", {"id_number": id_number})
		if existing:
			return frappe.get_doc("GS Special Group Member", existing)
		return frappe.get_doc(
			{
				"doctype": "GS Special Group Member",
				"full_name": fields.pop("full_name", "张桂兰"),
				"id_number": id_number,
				"phone": "13900000001",
				"address": "走访镇一村三组",
				"service_centre": village or self.village,
				"responsible_agent": (agent or self.agent).name,
				"consent_to_visit": 1,
				"consent_date": today(),
				**fields,
			}
		).insert()


class TestRegister(OutreachTestCase):
	def test_elderly_from_the_id_number_and_the_shortest_interval(self):
		member = self.member(
			OLD,
			is_disabled=1,
			disability_certificate_no="42282819400101801X41",
			disability_category="Physical",
			disability_grade="Grade 2",
		)
		self.assertEqual(member.is_elderly, 1)
		self.assertEqual(str(member.birth_date), "1940-01-01")
		self.assertEqual(member.id_number_masked[:6], "422828")
		self.assertNotIn("19400101", member.id_number_masked)
		self.assertEqual(member.visit_interval_months, 3)
		self.assertEqual(getdate(member.next_visit_due), getdate(add_months(today(), 3)))
		lonely = self.member(resident_id(803, "19500505"), full_name="李孤", is_lonely_elderly=1)
		self.assertEqual(lonely.is_elderly, 0)
		self.assertEqual(lonely.visit_interval_months, 1)

	def test_refusals(self):
		self.member(OLD)
		with self.assertRaises(OutreachError):  # the same person twice
			frappe.get_doc(
				{
					"doctype": "GS Special Group Member",
					"full_name": "重复",
					"id_number": OLD,
					"phone": "13900000002",
					"address": "一村",
					"service_centre": self.village,
					"responsible_agent": self.agent.name,
				}
			).insert()
		with self.assertRaises(OutreachError):  # in no group: a young person, no group ticked
			self.member(YOUNG)
		with self.assertRaises(OutreachError):  # an agent of another village
			self.member(resident_id(805, "19300101"), agent=self.agent2)
		with self.assertRaises(OutreachError):  # the register is a village's
			self.member(resident_id(806, "19300101"), village=self.town, agent=self.town_agent)
		self.member(
			resident_id(807, "19300101"), agent=self.town_agent
		)  # the township's agent may be responsible

	def test_reaching_the_age_flags_and_the_settings_move_the_plan(self):
		born = getdate(today()).replace(year=getdate(today()).year - 80) + datetime.timedelta(days=10)
		person = self.member(
			resident_id(808, born.strftime("%Y%m%d")), full_name="将满八十", is_orphan=0, is_lonely_elderly=1
		)
		self.assertEqual(person.is_elderly, 0)
		refresh_visit_plan(born.replace(year=born.year + 80) + datetime.timedelta(days=1))
		self.assertEqual(frappe.db.get_value("GS Special Group Member", person.name, "is_elderly"), 1)
		frappe.db.set_single_value("GS Settings", "visit_months_lonely_elderly", 2)
		frappe.clear_document_cache("GS Settings", "GS Settings")
		refresh_visit_plan()
		row = frappe.db.get_value(
			"GS Special Group Member", person.name, ["visit_interval_months", "next_visit_due"], as_dict=True
		)
		self.assertEqual(row.visit_interval_months, 2)
		self.assertEqual(getdate(row.next_visit_due), getdate(add_months(today(), 2)))
		frappe.db.set_single_value("GS Settings", "visit_months_lonely_elderly", 1)
		frappe.clear_document_cache("GS Settings", "GS Settings")

	def test_scope_and_the_full_id(self):
		member = self.member(OLD)
		readers = {self.agent.user, self.town_agent.user, self.county_agent.user}
		for user in (
			self.agent.user,
			self.agent2.user,
			self.town_agent.user,
			self.other_agent.user,
			self.county_agent.user,
			self.window,
		):
			frappe.set_user(user)
			try:
				listed = frappe.get_list(
					"GS Special Group Member", filters={"name": member.name}, pluck="name"
				)
			except frappe.PermissionError:
				listed = []  # no role that reads the register (the window)
			self.assertEqual(bool(listed), user in readers, user)
			self.assertEqual(
				frappe.has_permission("GS Special Group Member", "read", doc=member.name), user in readers
			)
		frappe.set_user(self.agent2.user)
		with self.assertRaises(frappe.PermissionError):  # visiting someone of another village
			frappe.get_doc(
				{
					"doctype": "GS Special Group Visit",
					"member": member.name,
					"visitors": "二村",
					"findings": "无",
				}
			).insert()


class TestContactCard(OutreachTestCase):
	def test_the_card_names_the_agents_and_the_three_hotlines_and_masks_the_id(self):
		from frappe.www.printview import get_rendered_template

		from govservice.api.printing import render_pdf

		for centre, hotline in (
			(self.village, "0718-1000001"),
			(self.town, "0718-1000002"),
			(self.county, "0718-1000003"),
		):
			frappe.db.set_value("GS Service Centre", centre, "hotline", hotline)
		frappe.db.set_value("GS Agent", self.agent.name, "phone", "13800009999")
		member = self.member(resident_id(870, "19330303"), full_name="<i>卡</i>片")
		html = get_rendered_template(
			member,
			print_format=frappe.get_doc("Print Format", "GS Special Group Contact Card"),
			no_letterhead=1,
			trigger_print=False,
		)
		for text in (
			"服务联系卡",
			"一村代办员",
			"13800009999",
			"0718-1000001",
			"0718-1000002",
			"0718-1000003",
			"12345",  # the county's public hotlines (GS Settings) too
			"政务服务便民热线",
		):
			self.assertIn(text, html)
		self.assertNotIn(member.id_number, html)
		self.assertIn(member.id_number_masked, html)
		self.assertNotIn("<i>", html)
		self.assertTrue(
			render_pdf(member.doctype, member.name, "GS Special Group Contact Card").startswith(b"%PDF")
		)


class TestVisits(OutreachTestCase):
	def test_a_visit_moves_the_plan_and_its_needs_become_door_to_door_cases(self):
		member = self.member(OLD, full_name="王奶奶")
		frappe.set_user(self.agent.user)
		visit = frappe.get_doc(
			{
				"doctype": "GS Special Group Visit",
				"member": member.name,
				"visitors": "一村代办员、村医",
				"findings": "独居,行动不便",
				"contact_card_given": 1,
				"needs": [
					{"description": "申领高龄津贴", "service_item": self.village_item},
					{"description": "办理残疾人证", "service_item": self.county_item},
					{"description": "屋顶漏雨(非政务)"},
				],
			}
		).insert()
		self.assertEqual(visit.service_centre, self.village)
		self.assertEqual(visit.is_on_time, 1)
		stored = frappe.get_doc("GS Special Group Member", member.name)
		self.assertEqual(str(stored.last_visit_date), today())
		self.assertEqual(getdate(stored.next_visit_due), getdate(add_months(today(), 3)))

		created = visit.create_cases()
		self.assertEqual(len(created), 2)
		frappe.set_user("Administrator")
		village_case, county_case = (frappe.get_doc("GS Case", name) for name in created)
		self.assertEqual(village_case.service_centre, self.village)
		self.assertEqual(county_case.service_centre, self.county)
		self.assertEqual(county_case.transferred_from, self.village)
		self.assertEqual(county_case.is_transfer_late, 0)
		for case in (village_case, county_case):
			self.assertEqual(case.intake_channel, "Door-to-Door Visit")
			self.assertEqual(
				(case.is_door_to_door, case.is_special_group, case.urgency), (1, 1, "Green Channel")
			)
			self.assertEqual(case.agent, self.agent.name)
			self.assertEqual(case.id_number, OLD)
		self.assertEqual([row.department for row in county_case.tasks], [self.department])
		self.assertFalse(village_case.tasks)
		visit.reload()
		self.assertEqual([row.gs_case for row in visit.needs], [*created, None])
		self.assertEqual(visit.needs[1].case_centre, self.county)
		# the village agent still follows the case sent up
		self.assertTrue(frappe.has_permission("GS Case", "read", doc=county_case.name, user=self.agent.user))
		frappe.set_user(self.agent.user)
		with self.assertRaises(OutreachError):  # nothing waits any more
			visit.create_cases()
		visit = frappe.get_doc("GS Special Group Visit", visit.name)
		visit.needs = visit.needs[1:]
		with self.assertRaises(OutreachError):  # a need with its case stays on the visit
			visit.save()
		frappe.set_user(self.agent2.user)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("GS Special Group Visit", visit.name).create_cases()

	def test_a_need_of_another_household_member_is_their_case(self):
		member = self.member(resident_id(871, "19320202"), full_name="李奶奶")
		son = resident_id(872, "19650101")
		frappe.set_user(self.agent.user)
		visit = frappe.get_doc(
			{
				"doctype": "GS Special Group Visit",
				"member": member.name,
				"visitors": "一村代办员",
				"findings": "儿子需办证",
				"needs": [
					{
						"description": "儿子换领身份证",
						"service_item": self.village_item,
						"for_household_member": 1,
						"member_name": "李大山",
						"member_id_number": son,
						"member_relationship": "儿子",
						"member_phone": "13900000071",
					}
				],
			}
		).insert()
		with self.assertRaises(OutreachError):  # a household member needs a name
			bad = frappe.get_doc("GS Special Group Visit", visit.name)
			bad.append("needs", {"description": "x", "for_household_member": 1, "member_id_number": son})
			bad.save()
		(name,) = frappe.get_doc("GS Special Group Visit", visit.name).create_cases()
		frappe.set_user("Administrator")
		case = frappe.get_doc("GS Case", name)
		self.assertEqual((case.applicant_name, case.id_number, case.phone), ("李大山", son, "13900000071"))
		self.assertEqual((case.is_special_group, case.is_door_to_door), (0, 0))
		self.assertIn("儿子", case.request_note)

	def test_overdue_visits_are_reminded_once_on_working_days(self):
		member = self.member(resident_id(810, "19350303"), full_name="赵爷爷", is_lonely_elderly=1)
		due = getdate(add_months(today(), 1))
		frappe.db.set_value("GS Special Group Member", member.name, "reminded_due_date", None)
		day = due + datetime.timedelta(days=1)
		calendar = get_work_calendar()
		while not calendar.is_working_day(day):
			day += datetime.timedelta(days=1)
		with self.freeze_time(f"{day} 08:30:00"):
			result = send_visit_reminders()
		self.assertGreaterEqual(result["reminded"], 1)
		notified = frappe.get_all(
			"Notification Log",
			filters={"document_type": "GS Special Group Member", "document_name": member.name},
			pluck="for_user",
		)
		self.assertEqual(notified, [self.agent.user])
		with self.freeze_time(f"{day} 09:30:00"):
			send_visit_reminders()
		self.assertEqual(
			frappe.db.count(
				"Notification Log",
				{"document_type": "GS Special Group Member", "document_name": member.name},
			),
			1,
		)


class TestCollection(OutreachTestCase):
	def sheet(self, rows, **fields):
		return frappe.get_doc(
			{
				"doctype": "GS Collection Sheet",
				"service_centre": self.village,
				"week_start": today(),
				"collected_on": today(),
				"collected_by": self.agent.name,
				"collection_place": "村委会便民服务站",
				"requests": rows,
				**fields,
			}
		).insert()

	def test_dispatch_urgent_first_at_the_right_level_with_replies(self):
		member = self.member(resident_id(820, "19380808"), full_name="孙奶奶")
		frappe.set_user(self.agent.user)
		sheet = self.sheet(
			[
				{
					"requester_name": "周强",
					"request": "新生儿落户咨询",
					"urgency": "Minor Need",
					"service_item": self.village_item,
					"id_number": resident_id(821, "19850101"),
					"phone": "13900000021",
				},
				{
					"requester_name": "孙奶奶",
					"request": "残疾人证",
					"urgency": "Urgent Need",
					"service_item": self.county_item,
					"special_group_member": member.name,
					"phone": "",
				},
				{
					"requester_name": "吴婶",
					"request": "邻里纠纷",
					"urgency": "Important Need",
					"is_government_matter": 0,
					"reply": "已联系村调委会",
					"referral": "村人民调解委员会",
					"phone": "13900000023",
				},
				{
					"requester_name": "郑伯",
					"request": "想问问医保的事",
					"urgency": "Can Wait",
					"id_number": resident_id(824, "19600101"),
					"phone": "13900000024",
				},
			]
		)
		self.assertEqual(
			str(sheet.week_start), str(getdate(today()) - datetime.timedelta(days=getdate(today()).weekday()))
		)
		self.assertEqual(sheet.requests[1].phone, "13900000001")  # from the register
		with self.assertRaises(DispatchError) as refused:  # 郑伯's request is not matched to an item yet
			sheet.dispatch()
		self.assertIn("郑伯", str(refused.exception))
		self.assertFalse(
			frappe.db.exists("GS Case", {"applicant_name": "孙奶奶", "intake_channel": "Village Collection"})
		)
		sheet.reload()
		sheet.requests[3].service_item = self.village_item
		sheet.save()
		counts = sheet.dispatch()
		self.assertEqual(counts, {"cases": 3, "moved_up": 1, "replied": 1})
		sheet.reload()
		self.assertEqual(sheet.status, "Dispatched")
		rows = {row.requester_name: row for row in sheet.requests}
		self.assertEqual(rows["吴婶"].case_state, "已答复并转介")
		self.assertIsNone(rows["吴婶"].gs_case)
		urgent = frappe.get_doc("GS Case", rows["孙奶奶"].gs_case)
		minor = frappe.get_doc("GS Case", rows["周强"].gs_case)
		self.assertLess(urgent.creation, minor.creation)  # urgent first
		self.assertEqual(
			(urgent.service_centre, urgent.transferred_from, urgent.is_transfer_late),
			(self.county, self.village, 0),
		)
		self.assertEqual(
			(urgent.urgency, urgent.is_special_group, urgent.id_number), ("Urgent", 1, member.id_number)
		)
		self.assertEqual(
			(minor.service_centre, minor.intake_channel, minor.urgency),
			(self.village, "Village Collection", "Normal"),
		)
		self.assertEqual(
			str(rows["孙奶奶"].respond_by),
			today()
			if get_work_calendar().is_working_day(getdate(today()))
			else str(rows["孙奶奶"].respond_by),
		)
		# a dispatched row cannot be changed, nor an answered one removed
		sheet.requests[0].service_item = self.county_item
		with self.assertRaises(OutreachError):
			sheet.save()
		sheet.reload()
		sheet.requests = [row for row in sheet.requests if row.requester_name != "吴婶"]
		with self.assertRaises(OutreachError):
			sheet.save()
		# the rows follow their cases
		frappe.set_user("Administrator")
		for name in (minor.name, rows["郑伯"].gs_case):
			case = frappe.get_doc("GS Case", name)
			for row in case.materials:
				row.is_received = 1
			case.save()
			apply_workflow(frappe.get_doc("GS Case", name), "Accept")
		sheet.reload()
		rows = {row.requester_name: row for row in sheet.requests}
		self.assertEqual(rows["周强"].case_state, "已受理")
		self.assertEqual(str(rows["周强"].accepted_on), today())
		self.assertEqual(sheet.status, "Dispatched")
		for name in (rows["郑伯"].gs_case, urgent.name):
			frappe.db.set_value("GS Case", name, {"status": "Completed", "stage": "Completed"})
		apply_workflow(frappe.get_doc("GS Case", minor.name), "Start Handling")
		self.assertEqual(frappe.db.get_value("GS Collection Sheet", sheet.name, "status"), "Dispatched")
		case = frappe.get_doc("GS Case", minor.name)
		case.result = "已办结"
		case.save()
		apply_workflow(frappe.get_doc("GS Case", minor.name), "Complete")
		self.assertEqual(frappe.db.get_value("GS Collection Sheet", sheet.name, "status"), "Closed")

	def test_the_notice_board_print_masks_names(self):
		from frappe.www.printview import get_rendered_template

		from govservice.api.printing import render_pdf  # noqa: F401 (the PDF path is tested in test_printing)

		sheet = self.sheet(
			[
				{
					"requester_name": "欧阳<b>娜</b>",
					"request": "身份证 422828 ……",
					"urgency": "Urgent Need",
					"service_item": self.village_item,
					"id_number": resident_id(830, "19700101"),
					"phone": "13900000030",
				}
			]
		)
		html = get_rendered_template(
			sheet,
			print_format=frappe.get_doc("Print Format", "GS Collection Notice"),
			no_letterhead=1,
			trigger_print=False,
		)
		self.assertIn("欧", html)
		self.assertNotIn("欧阳", html)
		self.assertNotIn("<b>", html)
		self.assertNotIn("422828", html)
		self.assertNotIn("13900000030", html)
		self.assertIn("急", html)

	def test_rows_are_written_with_their_sheet_and_people_of_its_village_only(self):
		other = self.member(
			resident_id(880, "19320202"), village=self.village2, agent=self.agent2, full_name="二村人"
		)
		frappe.set_user(self.agent.user)
		sheet = self.sheet(
			[
				{
					"requester_name": "孔",
					"request": "事",
					"urgency": "Can Wait",
					"service_item": self.village_item,
					"id_number": resident_id(881, "19700101"),
					"phone": "13900000081",
				}
			]
		)
		planted = {
			"doctype": "GS Collection Request",
			"parent": sheet.name,
			"parenttype": "GS Collection Sheet",
			"parentfield": "requests",
			"requester_name": "注入",
			"request": "事",
			"urgency": "Urgent Need",
			"service_item": self.village_item,
			"phone": "13900000082",
			"special_group_member": other.name,
		}
		with self.assertRaises(frappe.PermissionError):  # a row on its own: not through its sheet
			frappe.get_doc(planted).insert()
		row = frappe.get_doc("GS Collection Request", sheet.requests[0].name)
		row.request = "改"
		with self.assertRaises(frappe.PermissionError):
			row.save()
		frappe.set_user(self.town_agent.user)  # reads both villages: still not on the first one's sheet
		sheet = frappe.get_doc("GS Collection Sheet", sheet.name)
		sheet.append(
			"requests",
			{
				**{
					k: v
					for k, v in planted.items()
					if k not in ("doctype", "parent", "parenttype", "parentfield")
				}
			},
		)
		with self.assertRaises(OutreachError):
			sheet.save()

	def test_other_villages_cannot_read_or_dispatch(self):
		frappe.set_user(self.agent.user)
		sheet = self.sheet(
			[
				{
					"requester_name": "钱叔",
					"request": "高龄津贴",
					"urgency": "Can Wait",
					"service_item": self.village_item,
					"id_number": resident_id(840, "19400101"),
					"phone": "13900000040",
				}
			]
		)
		for user, allowed in (
			(self.agent2.user, False),
			(self.other_agent.user, False),
			(self.town_agent.user, True),
			(self.window, False),
		):
			frappe.set_user(user)
			self.assertEqual(
				frappe.has_permission("GS Collection Sheet", "read", doc=sheet.name), allowed, user
			)
			if not allowed:
				with self.assertRaises(frappe.PermissionError):
					frappe.get_doc("GS Collection Sheet", sheet.name).dispatch()


class TestFigures(OutreachTestCase):
	DAY = "2027-03-17"  # a Wednesday: the sheet was collected on Monday the 15th

	def test_figures_per_village_and_for_the_scope(self):
		with self.freeze_time(f"{self.DAY} 10:00:00.250000"):
			self.make_month()
			frappe.set_user(self.town_agent.user)
			rows = {row["centre"]: row for row in grouped_rows("2027-03-01", "2027-03-31", "Village")}
			frappe.set_user(self.other_agent.user)
			other = grouped_rows("2027-03-01", "2027-03-31", "Village")
			frappe.set_user(self.county_agent.user)
			scope = grouped_rows("2027-03-01", "2027-03-31", "County")
		# a notification that failed to go out in the frozen March was logged then: not a log of the future
		frappe.db.delete(
			"Error Log", {"creation": [">", frappe.utils.add_days(frappe.utils.now_datetime(), 1)]}
		)
		self.assertEqual(set(rows), {self.village, self.village2})  # the township's villages only
		self.assertEqual(
			{key: value for key, value in rows[self.village].items() if key != "centre_name"},
			{
				"centre": self.village,
				"requests": 3,  # two at the village, one sent up to the county by proxy
				"done": 1,
				"done_share": 33.3,
				"door_to_door": 0,
				"visits_on_time": 1,
				# the visit made, the lonely elderly's visit due yesterday, and the one overdue since January
				"visits_due": 3,
				"on_time_share": 33.3,
				"median_days_to_acceptance": 2.0,
			},
		)
		self.assertEqual(rows[self.village2]["requests"], 0)
		self.assertNotIn(self.village, {row["centre"] for row in other})
		self.assertEqual(len(scope), 1)
		self.assertEqual(scope[0]["requests"], 3)

	def make_month(self):
		frappe.set_user(self.agent.user)
		sheet = frappe.get_doc(
			{
				"doctype": "GS Collection Sheet",
				"service_centre": self.village,
				"week_start": "2027-03-15",
				"collected_on": "2027-03-15",
				"collected_by": self.agent.name,
				"requests": [
					{
						"requester_name": f"数{i}",
						"request": "事",
						"urgency": "Can Wait",
						"service_item": item,
						"id_number": resident_id(850 + i, "19700101"),
						"phone": "13900000050",
					}
					for i, item in enumerate((self.village_item, self.village_item, self.county_item))
				],
			}
		).insert()
		sheet.dispatch()
		frappe.set_user("Administrator")
		names = [row.gs_case for row in frappe.get_doc("GS Collection Sheet", sheet.name).requests]
		case = frappe.get_doc("GS Case", names[0])
		for row in case.materials:
			row.is_received = 1
		case.save()
		apply_workflow(frappe.get_doc("GS Case", names[0]), "Accept")
		frappe.db.set_value("GS Case", names[1], "stage", "Completed")
		member = self.member(resident_id(860, "19300101"), full_name="准时")
		frappe.get_doc(
			{
				"doctype": "GS Special Group Visit",
				"member": member.name,
				"visitors": "代办员",
				"findings": "良好",
			}
		).insert()
		late = self.member(resident_id(861, "19300101"), full_name="逾期", is_lonely_elderly=1)
		frappe.db.set_value("GS Special Group Member", late.name, "next_visit_due", "2027-03-16")
		# overdue since January, still not visited: due in March too, not on time because it began earlier
		long_late = self.member(resident_id(862, "19300101"), full_name="久未走访", is_lonely_elderly=1)
		frappe.db.set_value("GS Special Group Member", long_late.name, "next_visit_due", "2027-01-20")
