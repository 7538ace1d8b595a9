"""The citizen and enterprise portal's rules, run as the portal users themselves (frappe.set_user)."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import getdate, today

from govservice.api import portal
from govservice.casework.doctype.gs_case.gs_case import DoorToDoorError, PortalChangeError
from govservice.citizen_portal.doctype.gs_portal_profile.gs_portal_profile import ProfileError
from govservice.citizen_portal.doctype.gs_rating.gs_rating import RatingError
from govservice.citizen_portal.doctype.gs_rectification.gs_rectification import RectificationError
from govservice.citizen_portal.utils import PortalRateLimitError
from govservice.organisation.calendar import add_working_days
from govservice.organisation.doctype.gs_calendar_year.gs_calendar_year import ensure_calendar_years
from govservice.tests.utils import (
	FrappeTestCase,
	make_agent,
	make_centre,
	make_portal_user,
	make_service_item,
	make_user,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class PortalTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_calendar_years([2026, 2027])
		cls.supervisor = make_user("portal.supervisor@test.govservice", roles=("GS Supervisor", "GS Agent"))
		cls.county = make_centre("门户县", "County", supervisor=cls.supervisor)
		cls.town = make_centre("门户镇", "Township", cls.county)
		cls.village = make_centre("门户镇一村", "Village", cls.town)
		cls.agent_user = "portal.agent@test.govservice"
		make_user(cls.agent_user, roles=("GS Agent",))
		cls.agent = make_agent(cls.agent_user, cls.town).name
		make_agent("portal.county@test.govservice", cls.county)
		cls.item = make_service_item(
			"T-PORTAL-ITEM",
			item_name="高龄津贴申领",
			target="Individual and Legal Person",
			handled_at_village=0,
			is_published=1,
			offers_online=1,
			offers_door_to_door=1,
			materials=[
				{"material_name": "居民身份证", "is_required": 1},
				{"material_name": "户口簿", "is_required": 1},
			],
		).name
		cls.alice = make_portal_user("alice@portal.test")
		cls.bob = make_portal_user("bob@portal.test")
		frappe.db.set_single_value("GS Settings", "portal_submissions_per_hour", 0)

	def tearDown(self):
		frappe.set_user("Administrator")
		super().tearDown()

	def submit(self, user: str, **fields) -> str:
		frappe.set_user(user)
		values = {"service_item": self.item, "phone": "13900000001", "service_centre": self.village}
		values.update(fields)
		return portal.submit_request(**values)

	def receive_all(self, name: str) -> None:
		"""The window ticks every material received (as Administrator)."""
		frappe.set_user("Administrator")
		case = frappe.get_doc("GS Case", name)
		for row in case.materials:
			row.is_received = 1
		case.save()

	def completed_case(self, user: str) -> str:
		name = self.submit(user)
		self.receive_all(name)
		for action in ("Accept", "Start Handling", "Complete"):
			self.act(name, action)
		return name

	def act(self, case: str, action: str, user: str | None = None) -> None:
		frappe.set_user(user or self.agent_user)
		apply_workflow(frappe.get_doc("GS Case", case), action)


class TestPortalRequests(PortalTestCase):
	def test_request_goes_to_the_nearest_level_that_handles_the_item(self):
		name = self.submit(self.alice)
		frappe.set_user("Administrator")
		case = frappe.get_doc("GS Case", name)
		# the village does not handle the item, its township does
		self.assertEqual(case.service_centre, self.town)
		self.assertEqual(case.agent, self.agent)
		self.assertEqual(case.status, "Registered")
		self.assertEqual(case.intake_channel, "Online Portal")
		self.assertEqual(case.portal_user, self.alice)
		self.assertEqual(case.applicant_name, "张三")

	def test_the_result_is_collected_where_the_applicant_chose(self):
		"""全县域通办: the result goes to any centre of the county the applicant chose, named exactly."""
		name = self.submit(self.alice, pickup_centre=self.village)
		self.assertEqual(frappe.db.get_value("GS Case", name, "pickup_centre"), self.village)
		self.assertIsNone(frappe.db.get_value("GS Case", self.submit(self.alice), "pickup_centre"))
		for forged in (self.village + " ", "不存在的中心", "<b>x</b>"):
			self.assertRaises(frappe.ValidationError, self.submit, self.alice, pickup_centre=forged)

	def test_enterprise_request_carries_the_credit_code(self):
		user = make_portal_user("ent@portal.test", account_type="Enterprise")
		case = frappe.get_doc("GS Case", self.submit(user))
		self.assertEqual(case.applicant_type, "Enterprise")
		self.assertEqual(case.applicant_name, "鹤峰县测试有限公司")
		self.assertEqual(case.credit_code, "91350100M000100Y43")

	def test_enterprise_profile_needs_a_valid_credit_code(self):
		with self.assertRaises(ProfileError):
			make_portal_user(
				"badent@portal.test", account_type="Enterprise", credit_code="91350100M000100Y44"
			)

	def test_portal_user_cannot_set_centre_fields(self):
		frappe.set_user(self.alice)
		doc = frappe.get_doc(
			{
				"doctype": "GS Case",
				"applicant_type": "Individual",
				"applicant_name": "张三",
				"id_number": "11010519491231002X",
				"phone": "13900000000",
				"service_item": self.item,
				"service_centre": self.town,
				"agent": self.agent,
				"deadline_date": "2030-01-01",
			}
		)
		with self.assertRaises(PortalChangeError):
			doc.insert(ignore_permissions=True)

	def test_portal_user_cannot_change_a_submitted_request(self):
		name = self.submit(self.alice)
		frappe.set_user(self.alice)
		case = frappe.get_doc("GS Case", name)
		case.status = "Completed"
		with self.assertRaises(frappe.ValidationError):
			case.save(ignore_permissions=True)
		case = frappe.get_doc("GS Case", name)
		case.applicant_name = "李四"
		with self.assertRaises(PortalChangeError):
			case.save(ignore_permissions=True)

	def test_door_to_door_needs_a_special_group_and_address(self):
		with self.assertRaises(DoorToDoorError):
			self.submit(self.alice, is_door_to_door=1, address="一村三组", preferred_visit_time="上午")
		name = self.submit(
			self.alice,
			is_special_group=1,
			special_group="Lonely Elderly",
			is_door_to_door=1,
			address="门户镇一村三组 12 号",
			preferred_visit_time="工作日上午",
		)
		frappe.set_user("Administrator")
		case = frappe.get_doc("GS Case", name)
		self.assertTrue(case.is_door_to_door)
		self.assertEqual(case.urgency, "Green Channel")

	def test_submissions_are_rate_limited(self):
		user = make_portal_user("busy@portal.test")
		frappe.db.set_single_value("GS Settings", "portal_submissions_per_hour", 2)
		try:
			self.submit(user)
			self.submit(user)
			with self.assertRaises(PortalRateLimitError):
				self.submit(user)
		finally:
			frappe.set_user("Administrator")
			frappe.db.set_single_value("GS Settings", "portal_submissions_per_hour", 0)

	def test_uploads_answer_the_one_time_notice_and_resume_the_clock(self):
		name = self.submit(self.alice)
		self.act(name, "Request Materials")
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("GS Case", name, "status"), "Awaiting Materials")
		frappe.set_user(self.alice)
		case = frappe.get_doc("GS Case", name)
		for row in case.materials:
			portal.attach_material(case, row, f"{row.material_name}.pdf", PDF)
		portal.supply_materials(case)
		frappe.set_user("Administrator")
		case = frappe.get_doc("GS Case", name)
		self.assertEqual(case.status, "Registered")
		self.assertFalse(case.is_paused)
		self.assertEqual(str(case.pauses[0].to_date), today())
		files = frappe.get_all(
			"File", filters={"attached_to_name": name}, fields=["is_private", "file_name", "owner"]
		)
		self.assertEqual(len(files), 2)
		self.assertTrue(all(f.is_private and f.owner == self.alice for f in files))

	def test_refused_upload(self):
		name = self.submit(self.alice)
		frappe.set_user(self.alice)
		case = frappe.get_doc("GS Case", name)
		with self.assertRaises(portal.PortalError):
			portal.attach_material(case, case.materials[0], "virus.pdf.exe", b"MZ\x90")
		with self.assertRaises(portal.PortalError):
			portal.attach_material(case, case.materials[0], "fake.pdf", b"<html><script></script>")


class TestPortalPermissions(PortalTestCase):
	def test_a_portal_user_sees_only_their_own_requests(self):
		mine = self.submit(self.alice)
		theirs = self.submit(self.bob)
		frappe.set_user(self.alice)
		self.assertIn(mine, frappe.get_list("GS Case", pluck="name"))
		self.assertNotIn(theirs, frappe.get_list("GS Case", pluck="name"))
		self.assertTrue(frappe.has_permission("GS Case", "read", mine))
		self.assertFalse(frappe.has_permission("GS Case", "read", theirs))
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("GS Case", theirs).check_permission("read")
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("GS Case", mine).check_permission("write")
		# the REST API's list and read go through the same checks
		with self.assertRaises(frappe.PermissionError):
			frappe.client.get("GS Case", theirs)
		with self.assertRaises(frappe.PermissionError):
			frappe.client.set_value("GS Case", mine, "applicant_name", "李四")
		with self.assertRaises(frappe.PermissionError):
			frappe.client.insert(
				{
					"doctype": "GS Case",
					"applicant_type": "Individual",
					"applicant_name": "x",
					"phone": "13900000000",
					"service_item": self.item,
					"service_centre": self.town,
					"agent": self.agent,
				}
			)

	def test_a_portal_user_cannot_upload_to_or_read_files_of_another_request(self):
		theirs = self.submit(self.bob)
		frappe.set_user(self.bob)
		case = frappe.get_doc("GS Case", theirs)
		portal.attach_material(case, case.materials[0], "身份证.pdf", PDF)
		portal.supply_materials(case)
		file = frappe.get_doc("File", {"attached_to_name": theirs})
		self.assertTrue(file.has_permission("read"))
		with self.assertRaises(frappe.PermissionError):
			file.check_permission("delete")  # evidence: not even its uploader deletes it
		frappe.set_user(self.alice)
		self.assertFalse(frappe.get_doc("File", file.name).has_permission("read"))
		self.assertNotIn(file.name, frappe.get_list("File", pluck="name"))
		with self.assertRaises(frappe.PermissionError):
			frappe.local.request = None
			portal.upload_material(theirs, "居民身份证")

	def test_notices_and_ratings_of_others_are_hidden(self):
		theirs = self.submit(self.bob)
		self.act(theirs, "Request Materials")
		frappe.set_user(self.alice)
		self.assertEqual(frappe.get_list("GS One-Time Notice", filters={"gs_case": theirs}), [])
		notice = frappe.db.get_value("GS One-Time Notice", {"gs_case": theirs})
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("GS One-Time Notice", notice).check_permission("print")
		frappe.set_user(self.bob)
		frappe.get_doc("GS One-Time Notice", notice).check_permission("print")

	def test_staff_scoping_still_applies(self):
		name = self.submit(self.alice)
		frappe.set_user(self.agent_user)
		self.assertTrue(frappe.has_permission("GS Case", "write", name))

	def test_complaint_web_form_keeps_reporters_apart(self):
		from frappe.website.doctype.web_form.web_form import accept

		theirs = self.submit(self.bob)
		frappe.set_user(self.alice)
		data = {
			"doctype": "GS Complaint",
			"reporter_type": "Person",
			"reporter_name": "张三",
			"reporter_phone": "13900000000",
			"description": "窗口说材料不全但没有一次性告知",
			"classification": "Simple",
			"assigned_to": "Administrator",
			"portal_user": self.bob,
		}
		doc = accept("report-complaint", frappe.as_json(data))
		self.assertEqual(doc.portal_user, self.alice)
		self.assertEqual(doc.channel, "Online Portal")
		self.assertFalse(doc.classification)
		self.assertFalse(doc.assigned_to)
		with self.assertRaises(frappe.PermissionError):
			accept("report-complaint", frappe.as_json({**data, "gs_case": theirs}))
		# an edit through the web form (with the record's name) is refused
		with self.assertRaises(frappe.ValidationError):
			accept("report-complaint", frappe.as_json({**data, "name": doc.name, "description": "改"}))
		frappe.set_user(self.bob)
		self.assertNotIn(doc.name, frappe.get_list("GS Complaint", pluck="name"))


class TestRatings(PortalTestCase):
	def test_only_completed_own_requests_are_rated_once(self):
		open_case = self.submit(self.alice)
		frappe.set_user(self.alice)
		with self.assertRaises(RatingError):
			portal.rate_request(open_case, "Satisfied")
		done = self.completed_case(self.alice)
		frappe.set_user(self.bob)
		with self.assertRaises(frappe.PermissionError):
			portal.rate_request(done, "Very Dissatisfied")
		frappe.set_user(self.alice)
		result = portal.rate_request(done, "Very Satisfied", "很方便")
		self.assertIsNone(result["rectification"])
		with self.assertRaises(RatingError):
			portal.rate_request(done, "Satisfied")
		rating = frappe.get_doc("GS Rating", result["rating"])
		self.assertEqual((rating.service_centre, rating.agent), (self.town, self.agent))
		with self.assertRaises(RatingError):
			rating.rating = "Dissatisfied"
			rating.save(ignore_permissions=True)

	def test_a_bad_rating_opens_a_rectification_for_the_supervisor(self):
		frappe.db.set_single_value("GS Settings", "rectification_days", 15)
		done = self.completed_case(self.alice)
		frappe.set_user(self.alice)
		result = portal.rate_request(done, "Dissatisfied", "跑了两次")
		frappe.set_user("Administrator")
		rectification = frappe.get_doc("GS Rectification", result["rectification"])
		self.assertEqual(rectification.assigned_to, self.supervisor)  # the township has none: the county's
		self.assertEqual(getdate(rectification.deadline_date), add_working_days(today(), 15))
		self.assertTrue(
			frappe.db.exists(
				"ToDo",
				{"reference_name": rectification.name, "allocated_to": self.supervisor, "status": "Open"},
			)
		)
		frappe.set_user(self.supervisor)
		rectification = frappe.get_doc("GS Rectification", rectification.name)
		rectification.status = "Completed"
		with self.assertRaises(RectificationError):
			rectification.save()
		rectification = frappe.get_doc("GS Rectification", rectification.name)
		rectification.status = "Completed"
		rectification.outcome = "已约谈窗口人员,推行一次性告知"
		rectification.save()
		self.assertFalse(frappe.db.exists("ToDo", {"reference_name": rectification.name, "status": "Open"}))
		frappe.set_user(self.alice)
		self.assertEqual(
			frappe.get_list("GS Rectification", filters={"gs_case": done}, pluck="outcome"),
			["已约谈窗口人员,推行一次性告知"],
		)
		frappe.set_user(self.bob)
		self.assertEqual(frappe.get_list("GS Rectification", filters={"gs_case": done}), [])


class TestSatisfactionSummary(PortalTestCase):
	def test_rows_per_centre_and_agent(self):
		from govservice.citizen_portal.report.satisfaction_summary.satisfaction_summary import execute

		good = self.completed_case(self.alice)
		bad = self.completed_case(self.bob)
		frappe.set_user(self.alice)
		portal.rate_request(good, "Very Satisfied")
		frappe.set_user(self.bob)
		portal.rate_request(bad, "Very Dissatisfied")
		frappe.set_user("Administrator")
		filters = {"from_date": today(), "to_date": today()}
		_columns, rows = execute({**filters, "group_by": "Service Centre"})
		row = next(r for r in rows if r["group"] == self.town)
		self.assertEqual(row["ratings"], 2)
		self.assertEqual((row["very_satisfied"], row["very_dissatisfied"]), (1, 1))
		self.assertEqual(row["satisfaction_rate"], 50.0)
		self.assertEqual(row["average_score"], 3.0)
		self.assertEqual(row["open_rectifications"], 1)
		_columns, rows = execute({**filters, "group_by": "Agent"})
		self.assertIn(self.agent, [r["group"] for r in rows])
