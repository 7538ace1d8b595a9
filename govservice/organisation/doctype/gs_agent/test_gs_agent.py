import frappe

from govservice.organisation.doctype.gs_agent.gs_agent import BackupAgentError
from govservice.tests.utils import FrappeTestCase, make_agent, make_centre, make_user


class TestGSAgent(FrappeTestCase):
	def setUp(self):
		county = make_centre("测试县", "County")
		self.town = make_centre("丙镇", "Township", county)
		self.other_town = make_centre("丁镇", "Township", county)

	def test_agent_gets_role_and_centre_scope(self):
		agent = make_agent("a.scope@test.govservice", self.town)
		self.assertIn("GS Agent", frappe.get_roles(agent.user))
		self.assertTrue(
			frappe.db.exists(
				"User Permission", {"user": agent.user, "allow": "GS Service Centre", "for_value": self.town}
			)
		)

	def test_moving_an_agent_moves_the_scope(self):
		agent = make_agent("a.move@test.govservice", self.town)
		agent.service_centre = self.other_town
		agent.save(ignore_version=False)  # FrappeTestCase skips versions unless asked
		scopes = frappe.get_all(
			"User Permission", filters={"user": agent.user, "allow": "GS Service Centre"}, pluck="for_value"
		)
		self.assertEqual(scopes, [self.other_town])
		versions = frappe.get_all(
			"Version", filters={"ref_doctype": "GS Agent", "docname": agent.name}, pluck="data"
		)
		changes = [change for data in versions for change in frappe.parse_json(data)["changed"]]
		self.assertIn(["service_centre", self.town, self.other_town], changes)

	def test_agent_is_linked_to_the_users_employee(self):
		user = make_user("a.employee@test.govservice")
		employee = frappe.get_doc(
			{
				"doctype": "Employee",
				"first_name": "张代办",
				"gender": frappe.db.get_value("Gender", {}, "name"),
				"date_of_birth": "1985-03-01",
				"date_of_joining": "2020-01-01",
				"company": frappe.db.get_value("Company", {}, "name"),
				"user_id": user,
				"status": "Active",
			}
		).insert()
		agent = make_agent(user, self.town)
		self.assertEqual(agent.employee, employee.name)

	def test_backup_agent_rules(self):
		a = make_agent("a.first@test.govservice", self.town).name
		b = make_agent("a.second@test.govservice", self.town).name
		far = make_agent("a.far@test.govservice", self.other_town).name

		def update(agent, **values):
			doc = frappe.get_doc("GS Agent", agent)
			doc.update(values)
			doc.save()

		self.assertRaises(BackupAgentError, update, a, backup_agent=a)
		self.assertRaises(BackupAgentError, update, a, backup_agent=far)
		update(b, is_active=0)
		self.assertRaises(BackupAgentError, update, a, backup_agent=b)
		update(b, is_active=1)
		update(a, backup_agent=b)
		self.assertEqual(frappe.db.get_value("GS Agent", a, "backup_agent"), b)

	def test_public_agent_list_prints_active_public_agents(self):
		make_agent("a.public@test.govservice", self.town, agent_name="王公示", phone="13800000001")
		make_agent("a.hidden@test.govservice", self.town, agent_name="李不公示", show_on_portal=0)
		html = frappe.get_print("GS Service Centre", self.town, print_format="GS Public Agent List")
		self.assertIn("王公示", html)
		self.assertIn("13800000001", html)
		self.assertNotIn("李不公示", html)
