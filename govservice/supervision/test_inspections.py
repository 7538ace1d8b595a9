"""督查检查: the score from the checklist (no Frappe), an inspection done as the supervisory department —
checklist loaded from the template the administrators edit, results, findings with deadlines in working
days on China's calendar —, who may be made responsible, who closes a finding and with what evidence, a
completed inspection that no save changes, and an overdue finding as a red clock of 电子监察."""

import datetime

import frappe

from govservice.domain.inspection_rules import inspection_score, unrecorded
from govservice.organisation.calendar import get_work_calendar
from govservice.organisation.doctype.gs_calendar_year.gs_calendar_year import ensure_calendar_years
from govservice.supervision import alerts
from govservice.supervision.doctype.gs_inspection.gs_inspection import InspectionError
from govservice.supervision.inspections import WINDOW_STANDARDS, ensure_inspection_templates
from govservice.tests.utils import FrappeTestCase, make_agent, make_centre, make_user


class TestInspectionRules(FrappeTestCase):
	def test_score_and_unrecorded_items(self):
		self.assertEqual(inspection_score([("Met", 10), ("Partly Met", 10), ("Not Met", 20)]), 37.5)
		self.assertEqual(inspection_score([("Met", 10), ("Not Applicable", 90)]), 100.0)
		self.assertIsNone(inspection_score([("Not Applicable", 10)]))
		self.assertEqual(unrecorded([("Met", 1), (None, 1), ("", 1), ("Bogus", 1)]), [2, 3, 4])


class TestInspection(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_calendar_years([2026, 2027])
		ensure_inspection_templates()
		county = make_centre("督查测试县", "County")
		cls.town = make_centre("督查测试镇", "Township", county)
		cls.village = make_centre("督查测试村", "Village", cls.town)
		cls.other_village = make_centre("督查测试二村", "Village", cls.town)
		cls.agent = make_agent("dc.agent@test.govservice", cls.village)
		cls.stranger = make_agent("dc.stranger@test.govservice", cls.other_village)
		cls.supervisory = make_user("dc.supervisory@test.govservice", roles=("GS Supervisory Officer",))

	def tearDown(self):
		frappe.set_user("Administrator")

	def inspection(self):
		frappe.set_user(self.supervisory)
		return frappe.get_doc(
			{
				"doctype": "GS Inspection",
				"template": WINDOW_STANDARDS,
				"service_centre": self.village,
				"inspection_date": "2026-12-08",
				"inspectors": "县优化办 张三、李四",
			}
		).insert()

	def test_an_inspection_from_checklist_to_rectification(self):
		inspection = self.inspection()
		self.assertEqual((inspection.township_centre, inspection.status), (self.town, "Draft"))
		self.assertEqual(inspection.load_checklist(), 7)
		inspection.reload()
		with self.assertRaises(InspectionError):  # every item recorded first
			inspection.complete()
		for row in inspection.results:
			row.result = "Met"
		inspection.results[0].result = "Not Met"  # 服务设施, 10 of 100 points
		inspection.results[1].result = "Partly Met"  # 公开公示, 15 points
		inspection.append(
			"findings",
			{"finding": "服务指南未及时更新", "owner_agent": self.stranger.name, "deadline_days": 3},
		)
		stored = inspection.modified
		with self.assertRaises(InspectionError):  # someone of another village answers for nothing here
			inspection.save()
		inspection.findings[0].owner_agent = self.agent.name
		inspection.findings[0].deadline_days = 0
		inspection.modified = stored  # a refused save leaves the record as stored
		with self.assertRaises(InspectionError):
			inspection.save()
		inspection.findings[0].deadline_days = 3
		inspection.modified = stored
		inspection.save()
		with self.freeze_time("2026-12-08 10:00:00"):  # a Tuesday: three working days is the Friday
			self.assertEqual(inspection.complete(), 82.5)
		inspection.reload()
		finding = inspection.findings[0]
		self.assertEqual((inspection.status, finding.finding_status), ("Completed", "Open"))
		self.assertEqual(
			finding.deadline_date, get_work_calendar().add_working_days(datetime.date(2026, 12, 8), 3)
		)
		self.assertTrue(
			frappe.db.exists(
				"Notification Log",
				{
					"document_type": "GS Inspection",
					"document_name": inspection.name,
					"for_user": self.agent.user,
				},
			)
		)
		# completed: no save changes it, not even the supervisory department's
		inspection.results[0].result = "Met"
		with self.assertRaises(InspectionError):
			inspection.save()

		# overdue: a red clock of 电子监察, naming the person responsible
		clocks = [
			c for c in alerts.red_clocks(datetime.date(2026, 12, 15)) if c["source_name"] == inspection.name
		]
		self.assertEqual(len(clocks), 1)
		self.assertEqual(
			(clocks[0]["clock"], clocks[0]["responsible_user"]), ("Inspection Finding", self.agent.user)
		)

		# who closes: not a colleague of another village, the person responsible with the evidence attached here
		frappe.set_user(self.stranger.user)
		self.assertFalse(frappe.has_permission("GS Inspection", "read", inspection.name))
		frappe.set_user(self.agent.user)
		mine = frappe.get_doc("GS Inspection", inspection.name)
		self.assertTrue(frappe.has_permission("GS Inspection", "read", mine))
		self.assertFalse(frappe.has_permission("GS Inspection", "write", mine))
		with self.assertRaises(InspectionError):
			mine.close_finding(finding.name, "已更新", evidence="/files/not-attached-here.jpg")
		frappe.set_user("Administrator")
		evidence = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "guide.png",
				"attached_to_doctype": "GS Inspection",
				"attached_to_name": inspection.name,
				"content": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
				"is_private": 1,
			}
		).insert(ignore_permissions=True)
		frappe.set_user(self.agent.user)
		mine = frappe.get_doc("GS Inspection", inspection.name)
		mine.close_finding(finding.name, "已按最新目录更新服务指南并张贴", evidence=evidence.file_url)
		with self.assertRaises(InspectionError):
			mine.close_finding(finding.name, "再报一次")
		frappe.set_user("Administrator")
		closed = frappe.get_doc("GS Inspection", inspection.name).findings[0]
		self.assertEqual(
			(closed.finding_status, closed.closed_by, closed.evidence),
			("Closed", self.agent.user, evidence.file_url),
		)
		self.assertFalse(
			[c for c in alerts.red_clocks(datetime.date(2026, 12, 15)) if c["source_name"] == inspection.name]
		)

	def test_only_the_supervisory_department_inspects(self):
		inspection = self.inspection()
		frappe.set_user(self.agent.user)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("GS Inspection", inspection.name).load_checklist()
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(
				{
					"doctype": "GS Inspection",
					"template": WINDOW_STANDARDS,
					"service_centre": self.village,
					"inspection_date": "2026-12-08",
					"inspectors": "自查",
				}
			).insert()
