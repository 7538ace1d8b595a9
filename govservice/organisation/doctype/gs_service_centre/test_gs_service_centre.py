import frappe

from govservice.organisation.doctype.gs_service_centre.gs_service_centre import CentreHierarchyError
from govservice.tests.utils import FrappeTestCase, make_agent, make_centre, make_supervisor


def build_network() -> dict[str, str]:
	"""测试县 with two townships and a village under each."""
	county = make_centre("测试县", "County")
	return {
		"county": county,
		"t1": make_centre("甲镇", "Township", county),
		"t2": make_centre("乙镇", "Township", county),
		"v1": make_centre("甲镇一村", "Village", "甲镇"),
		"v1b": make_centre("甲镇二村", "Village", "甲镇"),
		"v2": make_centre("乙镇一村", "Village", "乙镇"),
	}


class TestGSServiceCentre(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		self.net = build_network()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_levels_must_follow_the_tree(self):
		with self.assertRaises(CentreHierarchyError):
			make_centre("孤立镇", "Township")
		with self.assertRaises(CentreHierarchyError):
			make_centre("越级村", "Village", self.net["county"])
		with self.assertRaises(CentreHierarchyError):
			make_centre("第二个县", "County", self.net["county"])
		self.assertEqual(frappe.db.get_value("GS Service Centre", self.net["v1"], "is_group"), 0)
		self.assertEqual(frappe.db.get_value("GS Service Centre", self.net["t1"], "is_group"), 1)

	def test_township_user_sees_its_township_and_villages_only(self):
		agent = make_agent("t1.agent@test.govservice", self.net["t1"])
		other_agent = make_agent("t2.agent@test.govservice", self.net["t2"])
		village_agent = make_agent("v1.agent@test.govservice", self.net["v1"])

		frappe.set_user(agent.user)
		visible = set(frappe.get_list("GS Service Centre", pluck="name"))
		self.assertEqual(visible, {self.net["t1"], self.net["v1"], self.net["v1b"]})
		visible_agents = set(frappe.get_list("GS Agent", pluck="name"))
		self.assertIn(village_agent.name, visible_agents)
		self.assertNotIn(other_agent.name, visible_agents)
		self.assertFalse(frappe.has_permission("GS Agent", doc=other_agent.name))
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("GS Agent", other_agent.name).check_permission("read")
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("GS Service Centre", self.net["v2"]).check_permission("read")

	def test_village_user_sees_only_its_own_station(self):
		village_agent = make_agent("v1.only@test.govservice", self.net["v1"])
		neighbour = make_agent("v1b.agent@test.govservice", self.net["v1b"])
		township_agent = make_agent("t1.boss@test.govservice", self.net["t1"])

		frappe.set_user(village_agent.user)
		self.assertEqual(set(frappe.get_list("GS Service Centre", pluck="name")), {self.net["v1"]})
		visible = frappe.get_list("GS Agent", fields=["name", "service_centre"])
		self.assertIn(village_agent.name, {a.name for a in visible})
		self.assertEqual({a.service_centre for a in visible}, {self.net["v1"]})
		for other in (neighbour, township_agent):
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc("GS Agent", other.name).check_permission("read")

	def test_agents_cannot_change_the_network(self):
		agent = make_agent("t1.writer@test.govservice", self.net["t1"])
		frappe.set_user(agent.user)
		centre = frappe.get_doc("GS Service Centre", self.net["v1"])
		centre.hotline = "0718-0000000"
		with self.assertRaises(frappe.PermissionError):
			centre.save()

	def test_supervisor_is_scoped_to_the_centre_they_supervise(self):

		supervisor = make_supervisor("t2.supervisor@test.govservice", self.net["t2"])
		frappe.set_user(supervisor)
		self.assertEqual(
			set(frappe.get_list("GS Service Centre", pluck="name")), {self.net["t2"], self.net["v2"]}
		)
