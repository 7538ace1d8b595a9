"""Every child table of the app answers for its rows through its parent: its controller is a
ParentScopedRow (a row loaded on its own, by REST or frappe.client.get, is read as its parent is) and its
lists carry the parent's scope (hooks.CHILD_DOCTYPES, govservice.security.queries.child_query)."""

import frappe
from frappe.model.base_document import get_controller

from govservice import hooks
from govservice.security.registry import APP_MODULES
from govservice.security.rows import ParentScopedRow
from govservice.tests.utils import FrappeTestCase


class TestChildTablesFollowTheirParent(FrappeTestCase):
	def test_every_child_table_is_parent_scoped(self):
		tables = frappe.get_all(
			"DocType", filters={"module": ["in", APP_MODULES], "istable": 1}, pluck="name"
		)
		self.assertTrue(tables)
		not_scoped = [name for name in tables if not issubclass(get_controller(name), ParentScopedRow)]
		self.assertEqual(not_scoped, [], "child tables whose rows answer for themselves")
		# rows of a Single (settings) are listed by nobody but its administrators: no list scope to add
		of_singles = set(
			frappe.get_all(
				"DocField",
				filters={
					"fieldtype": "Table",
					"parent": ["in", frappe.get_all("DocType", {"issingle": 1}, pluck="name")],
				},
				pluck="options",
			)
		)
		unlisted = sorted(set(tables) - set(hooks.CHILD_DOCTYPES) - of_singles)
		self.assertEqual(unlisted, [], "child tables missing from hooks.CHILD_DOCTYPES")
