"""前台受理、后台审批: the front window passes an accepted case whose originals it has seen to the department's
back office with a limit in working days; the department (only its own) returns the result with the
licence number, which the results window then hands over; a department without a desk account has its
answer recorded by the front, marked so; the case cannot be completed while a back office holds it."""

import base64

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import today

from govservice.casework.errors import CaseError
from govservice.organisation.calendar import add_working_days
from govservice.organisation.doctype.gs_calendar_year.gs_calendar_year import ensure_calendar_years
from govservice.service_hall import back_office
from govservice.tests.utils import (
	make_agent,
	make_case,
	make_centre,
	make_department,
	make_department_liaison,
	make_portal_user,
	make_service_item,
	make_user,
)

PNG = base64.b64decode(
	"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
CONTACT = "backoffice.contact@test.govservice"
OTHER_CONTACT = "backoffice.other@test.govservice"


class TestBackOffice(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		ensure_calendar_years([2026, 2027])
		cls.county = make_centre("后台测试县", "County")
		cls.town = make_centre("后台测试镇", "Township", cls.county)
		cls.other_town = make_centre("后台邻镇", "Township", cls.county)
		cls.agent = make_agent("backoffice.agent@test.govservice", cls.town, agent_name="后台代办员")
		cls.other_agent = make_agent("backoffice.agent2@test.govservice", cls.other_town)
		make_user(CONTACT, ("GS Department Contact",))
		make_user(OTHER_CONTACT, ("GS Department Contact",))
		cls.department = make_department("后台测试市场监管局")
		cls.other_department = make_department("后台测试人社局")
		cls.silent_department = make_department("后台测试发改局")  # no desk account
		make_department_liaison(cls.department, CONTACT)
		make_department_liaison(cls.other_department, OTHER_CONTACT)
		cls.item = make_service_item(
			"BACKOFFICE-ITEM",
			item_name="食品经营许可（后台）",
			department=cls.department,
			materials=[
				{"material_name": "营业执照", "material_form": "Original", "is_required": 1},
				{"material_name": "场所平面图", "material_form": "Photocopy", "is_required": 1},
			],
		).name

	def tearDown(self):
		frappe.set_user("Administrator")

	def accepted_case(self):
		case = make_case(self.item, self.town, self.agent.name)
		for row in case.materials:
			row.is_received = 1
		case.save()
		return apply_workflow(frappe.get_doc("GS Case", case.name), "Accept")  # accepting is checking

	def send(self, case, department=None, limit=3, note="请审查"):
		frappe.set_user(self.agent.user)
		name = frappe.get_doc("GS Case", case.name).send_to_back_office(
			department or self.department, limit, note
		)
		frappe.set_user("Administrator")
		return frappe.get_doc(back_office.TASK, name)

	def test_the_originals_are_checked_before_the_case_goes_to_the_back_office(self):
		case = self.accepted_case()
		# the window finds the licence's original was never there after all: no longer checked either
		doc = frappe.get_doc("GS Case", case.name)
		doc.materials[0].is_received = 0
		doc.save()
		self.assertEqual(frappe.get_doc("GS Case", case.name).materials[0].is_verified, 0)
		with self.assertRaisesRegex(CaseError, "营业执照"):
			self.send(case)
		registered = make_case(self.item, self.town, self.agent.name)
		with self.assertRaises(CaseError):  # not yet accepted
			self.send(registered)

	def test_sent_with_its_limit_and_materials_once_per_department(self):
		case = self.accepted_case()
		task = self.send(case, limit=3)
		self.assertEqual(task.status, "With Back Office")
		self.assertEqual(str(task.due_date), str(add_working_days(today(), 3)))
		self.assertEqual(
			[(row.material_name, row.original_seen) for row in task.materials],
			[("营业执照", 1), ("场所平面图", 1)],
		)
		self.assertEqual((task.service_centre, task.township_centre), (self.town, self.town))
		self.assertIn(
			"Sent to Back Office", frappe.get_all("GS Work Log", {"gs_case": case.name}, pluck="action")
		)
		with self.assertRaises(CaseError):  # with this department already
			self.send(case)
		with self.assertRaises(CaseError):  # no limit
			self.send(case, department=self.other_department, limit=0)
		with self.assertRaises(CaseError):  # beyond the case's own deadline
			self.send(case, department=self.other_department, limit=40)
		with self.assertRaises(CaseError):  # not a department
			self.send(case, department="<b>x</b>")

	def test_only_the_department_answers_and_the_licence_number_reaches_the_results_window(self):
		case = self.accepted_case()
		task = self.send(case)
		# the other department's contact neither lists, reads nor answers it
		frappe.set_user(OTHER_CONTACT)
		self.assertNotIn(task.name, frappe.get_list(back_office.TASK, pluck="name"))
		self.assertFalse(frappe.has_permission(back_office.TASK, "read", doc=task.name))
		with self.assertRaises(frappe.PermissionError):
			back_office.return_result(task.name, "准予许可", "JY1")
		# another township's agent neither
		frappe.set_user(self.other_agent.user)
		self.assertNotIn(task.name, frappe.get_list(back_office.TASK, pluck="name"))
		with self.assertRaises(frappe.PermissionError):
			back_office.send_back(task.name, "材料不全")
		# the case's own agent reads it but does not answer for a department that has a desk account
		frappe.set_user(self.agent.user)
		self.assertIn(task.name, frappe.get_list(back_office.TASK, pluck="name"))
		with self.assertRaises(frappe.PermissionError):
			back_office.return_result(task.name, "准予许可")
		# the case cannot be completed while the back office holds it
		frappe.set_user("Administrator")
		apply_workflow(frappe.get_doc("GS Case", case.name), "Start Handling")
		with self.assertRaisesRegex(CaseError, "后台测试市场监管局|back office"):
			apply_workflow(frappe.get_doc("GS Case", case.name), "Complete")
		# its own contact: a plain save changes nothing, the action returns the result
		frappe.set_user(CONTACT)
		self.assertIn(task.name, frappe.get_list(back_office.TASK, pluck="name"))
		forged = frappe.get_doc(back_office.TASK, task.name)
		forged.licence_number = "FORGED"
		with self.assertRaises(frappe.PermissionError):
			forged.save()
		with self.assertRaises(back_office.BackOfficeError):
			back_office.return_result(task.name, "准予许可", "<script>alert(1)</script>")
		back_office.return_result(task.name, "准予许可", "ＪＹ１４２２８２７０００１２３４")
		with self.assertRaises(back_office.BackOfficeError):  # answered once
			back_office.send_back(task.name, "again")
		frappe.set_user("Administrator")
		task.reload()
		self.assertEqual(
			(task.status, task.licence_number, task.returned_by),
			("Result Returned", "JY14228270001234", CONTACT),
		)
		self.assertFalse(task.recorded_for_department)
		case.reload()
		self.assertEqual((case.result, case.licence_number), ("准予许可", "JY14228270001234"))
		# completed, announced: the results window shows the licence number it checks and hands over
		apply_workflow(frappe.get_doc("GS Case", case.name), "Complete")
		frappe.set_user(self.agent.user)
		frappe.get_doc("GS Case", case.name).announce_result("Window Pickup")
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("GS Result Handover", {"gs_case": case.name}, "licence_number"),
			"JY14228270001234",
		)

	def test_the_front_records_for_a_department_without_a_desk_account_and_a_case_sent_back_goes_again(self):
		case = self.accepted_case()
		task = self.send(case, department=self.silent_department)
		frappe.set_user(CONTACT)  # a contact of another department
		with self.assertRaises(frappe.PermissionError):
			back_office.send_back(task.name, "不属本部门")
		frappe.set_user(self.agent.user)
		back_office.send_back(task.name, "缺少场所平面图原件")
		frappe.set_user("Administrator")
		task.reload()
		self.assertEqual((task.status, task.recorded_for_department), ("Sent Back to Front", 1))
		again = self.send(case, department=self.silent_department)
		frappe.set_user(self.agent.user)
		back_office.return_result(again.name, "同意")
		frappe.set_user("Administrator")
		again.reload()
		self.assertEqual((again.status, again.recorded_for_department), ("Result Returned", 1))
		self.assertEqual(
			frappe.get_all(
				"GS Work Log",
				{"gs_case": case.name, "action": ["like", "%Back Office%"]},
				order_by="creation asc",
				pluck="action",
			),
			["Sent to Back Office", "Back Office Sent Back", "Sent to Back Office", "Back Office Returned"],
		)

	def test_the_scanned_copies_go_with_the_record_and_the_department_reads_only_those(self):
		case = self.accepted_case()
		frappe.set_user(self.agent.user)
		scan = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "plan.png",
				"attached_to_doctype": "GS Case",
				"attached_to_name": case.name,
				"is_private": 1,
				"content": PNG,
			}
		).insert()
		doc = frappe.get_doc("GS Case", case.name)
		doc.materials[1].scanned_copy = scan.file_url
		doc.save()
		frappe.set_user("Administrator")
		task = self.send(case)
		copied = task.materials[1].scanned_copy
		self.assertTrue(copied and copied != scan.file_url)
		copy = frappe.get_doc("File", {"file_url": copied})
		self.assertEqual((copy.attached_to_doctype, copy.attached_to_name), (back_office.TASK, task.name))
		frappe.set_user(CONTACT)
		self.assertTrue(frappe.has_permission("File", "read", doc=copy))
		self.assertFalse(frappe.has_permission("File", "read", doc=scan))
		self.assertFalse(frappe.has_permission("GS Case", "read", doc=case.name))
		frappe.set_user(OTHER_CONTACT)
		self.assertFalse(frappe.has_permission("File", "read", doc=copy))

	def test_the_electronic_licence_is_a_file_of_this_record(self):
		case = self.accepted_case()
		task = self.send(case)
		elsewhere = self.send(self.accepted_case())
		frappe.set_user(CONTACT)
		files = {}
		for key, name in (("own", task.name), ("other", elsewhere.name)):
			files[key] = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": "licence.png",
					"attached_to_doctype": back_office.TASK,
					"attached_to_name": name,
					"attached_to_field": "result_file",
					"is_private": 1,
					"content": PNG,
				}
			).insert()
		with self.assertRaises(back_office.BackOfficeError):  # another record's file
			back_office.return_result(task.name, "准予许可", None, files["other"].file_url)
		back_office.return_result(task.name, "准予许可", None, files["own"].file_url)
		frappe.set_user(OTHER_CONTACT)  # cannot attach to a record of another department
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(
				{
					"doctype": "File",
					"file_name": "x.png",
					"attached_to_doctype": back_office.TASK,
					"attached_to_name": elsewhere.name,
					"is_private": 1,
					"content": PNG,
				}
			).insert()
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value(back_office.TASK, task.name, "result_file"), files["own"].file_url
		)
		# the case takes its own private copy (网上出件: the applicant downloads it from the case)
		licence = frappe.db.get_value("GS Case", case.name, "electronic_licence")
		copy = frappe.get_doc("File", {"file_url": licence})
		self.assertEqual(
			(copy.attached_to_doctype, copy.attached_to_name, copy.is_private), ("GS Case", case.name, 1)
		)
		self.assertNotEqual(licence, files["own"].file_url)
		self.assertEqual(copy.get_content(), files["own"].get_content())

	def test_citizens_and_the_supervisory_department(self):
		case = self.accepted_case()
		task = self.send(case)
		supervisory = make_user("backoffice.supervisory@test.govservice", ("GS Supervisory Officer",))
		citizen = make_portal_user("backoffice.citizen@test.govservice")
		frappe.set_user(citizen)
		self.assertFalse(frappe.has_permission(back_office.TASK, "read", doc=task.name))
		self.assertEqual(back_office.task_query(citizen), "1=0")
		frappe.set_user(supervisory)
		self.assertTrue(frappe.has_permission(back_office.TASK, "read", doc=task.name))
		with self.assertRaises(frappe.PermissionError):
			back_office.return_result(task.name, "准予许可")
