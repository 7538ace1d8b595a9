import frappe

from govservice.tests.utils import FrappeTestCase


class TestSiteSetup(FrappeTestCase):
	"""The setup wizard was completed for a Chinese county (govservice-setup / before_tests)."""

	def test_system_settings_are_chinese(self):
		settings = frappe.get_single("System Settings")
		self.assertTrue(frappe.is_setup_complete())
		self.assertEqual(
			(settings.country, settings.time_zone, settings.language, settings.date_format),
			("China", "Asia/Shanghai", "zh", "yyyy-mm-dd"),
		)
		self.assertEqual(frappe.db.get_value("Company", {}, "default_currency"), "CNY")
		# what the desk formats dates with (the system defaults, not only the settings record)
		self.assertEqual(frappe.db.get_default("date_format"), "yyyy-mm-dd")
		self.assertEqual(frappe.utils.formatdate("2026-12-14"), "2026-12-14")

	def test_calendar_and_roles_exist(self):
		year = frappe.utils.getdate().year
		self.assertTrue(frappe.db.exists("GS Calendar Year", year))
		self.assertTrue(frappe.db.exists("GS Calendar Year", year + 1))
		for role in (
			"GS Agent",
			"GS Supervisor",
			"GS Window Officer",
			"GS Supervisory Officer",
			"GS Portal User",
		):
			self.assertTrue(frappe.db.exists("Role", role))
		self.assertFalse(frappe.db.get_value("Role", "GS Portal User", "desk_access"))
		self.assertTrue(frappe.db.get_value("Workflow", "GS Case", "is_active"))
