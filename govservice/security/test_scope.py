"""The centre scope as SQL an index serves: one equality on the column of the user's centre's level, for
every scoped DocType; records carry their township and county; a single record is checked by its centre."""

import frappe

from govservice.casework.doctype.gs_case.test_gs_case import CaseTestCase
from govservice.security.scope import (
	CENTRE_SCOPED,
	ancestors,
	centre_scope_query,
	has_centre_scope,
	refill_scope_centres,
)
from govservice.tests.utils import make_agent, make_centre, make_user


class TestScopeQuery(CaseTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		super().tearDown()

	def user_of(self, agent: str) -> str:
		return frappe.db.get_value("GS Agent", agent, "user")

	def test_a_township_agent_gets_one_equality_on_the_township_column(self):
		def following(user: str) -> str:  # the cases they sent up, each by an index of its own
			user = frappe.db.escape(user)
			return f" or `tabGS Case`.`agent_user` = {user} or `tabGS Case`.`backup_agent_user` = {user}"

		town_user, village_user = self.user_of(self.town_agent), self.user_of(self.agent)
		condition = centre_scope_query(town_user, "GS Case")
		self.assertEqual(
			condition,
			f"(`tabGS Case`.`township_centre` = {frappe.db.escape(self.town)}{following(town_user)})",
		)
		village = centre_scope_query(village_user, "GS Case")
		self.assertEqual(
			village,
			f"(`tabGS Case`.`service_centre` = {frappe.db.escape(self.village)}{following(village_user)})",
		)
		self.assertEqual(
			centre_scope_query(town_user, "GS Work Log"),
			f"(`tabGS Work Log`.`township_centre` = {frappe.db.escape(self.town)})",
		)

	def test_every_scoped_doctype_carries_the_columns(self):
		user = self.user_of(self.agent)
		for doctype in CENTRE_SCOPED:
			meta = frappe.get_meta(doctype)
			for field in ("service_centre", "township_centre", "county_centre"):
				self.assertTrue(meta.has_field(field), (doctype, field))
				# Frappe's own `ifnull(…) or in (…)` would stop the index: the app scopes these itself
				self.assertTrue(meta.get_field(field).ignore_user_permissions, (doctype, field))
			self.assertIn(f"`tab{doctype}`.`service_centre` = ", centre_scope_query(user, doctype))

	def test_records_carry_their_township_and_county_and_follow_a_transfer(self):
		county = frappe.db.get_value("GS Service Centre", self.town, "parent_gs_service_centre")
		self.assertEqual(ancestors(self.village), (self.town, county))
		self.assertEqual(ancestors(self.town), (self.town, county))
		self.assertEqual(ancestors(county), (None, county))
		case = self.new_case()
		self.assertEqual((case.township_centre, case.county_centre), (self.town, county))
		logs = frappe.get_all("GS Work Log", filters={"gs_case": case.name}, fields=["township_centre"])
		self.assertTrue(logs)
		self.assertTrue(all(row.township_centre == self.town for row in logs))
		frappe.db.set_value("GS Case", case.name, {"township_centre": None, "county_centre": None})
		refill_scope_centres(["GS Case"], centres=[self.village])
		self.assertEqual(
			frappe.db.get_value("GS Case", case.name, ["township_centre", "county_centre"]),
			(self.town, county),
		)

	def test_the_list_reads_only_the_scope_and_a_record_is_checked_by_its_centre(self):
		user = self.user_of(self.town_agent)
		case = self.new_case()
		other = self.new_case(centre=self.other_town, agent=self.other_agent)
		frappe.set_user(user)
		sql = frappe.get_list("GS Case", fields=["name"], run=0)
		self.assertIn("`tabGS Case`.`township_centre` = ", sql)
		self.assertNotIn("ifnull(`tabGS Case`.`service_centre`", sql)
		names = frappe.get_list("GS Case", pluck="name", limit_page_length=0)
		self.assertIn(case.name, names)
		self.assertNotIn(other.name, names)
		self.assertIsNone(has_centre_scope(frappe.get_doc("GS Case", case.name), "read", user))
		self.assertFalse(has_centre_scope(frappe.get_doc("GS Case", other.name), "read", user))
		self.assertFalse(frappe.has_permission("GS Case", "read", doc=other.name, user=user))

	def test_two_centres_of_different_levels(self):
		user = make_user("scope.two@test.govservice", roles=("GS Agent",))
		make_agent(user, self.village)
		other_village = make_centre("邻镇一村", "Village", self.other_town)
		make_agent("scope.two.b@test.govservice", other_village)
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": user,
				"allow": "GS Service Centre",
				"for_value": self.other_town,
				"apply_to_all_doctypes": 1,
			}
		).insert(ignore_permissions=True)
		condition = centre_scope_query(user, "GS Case")
		self.assertIn(f"`tabGS Case`.`service_centre` = {frappe.db.escape(self.village)}", condition)
		self.assertIn(f"`tabGS Case`.`township_centre` = {frappe.db.escape(self.other_town)}", condition)
		self.assertIn(" or ", condition)

	def test_county_wide_roles_and_staff_without_a_centre(self):
		admin = make_user("scope.admin@test.govservice", roles=("GS Administrator",))
		self.assertEqual(centre_scope_query(admin, "GS Case"), "")
		nobody = make_user("scope.nobody@test.govservice", roles=("GS Agent",))
		self.assertEqual(centre_scope_query(nobody, "GS Case"), "1=0")
		self.assertEqual(centre_scope_query("Administrator", "GS Case"), "")
