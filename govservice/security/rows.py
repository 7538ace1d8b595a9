"""Child rows answer permission questions through their parent record.

Frappe checks a child row loaded on its own (`/api/resource/GS Case Material/<row>`,
`frappe.client.get`, a row's PUT) against the parent DocType only when the row carries no loaded parent,
which is always the case there: any agent could read or change the rows of every case. Every child
table of the app uses this base class, so a row is readable and writable exactly when its parent record
is, and a table at a permission level the user lacks is closed.
"""

import frappe
from frappe.model.document import Document

READ_TYPES = frozenset(("read", "select", "print", "email", "export", "report"))


class ParentScopedRow(Document):
	def has_permission(self, permtype: str = "read", *, debug: bool = False, user: str | None = None) -> bool:
		user = user or frappe.session.user
		if user == "Administrator":
			return True
		if not (self.parenttype and self.parent and self.parentfield):
			return False
		meta = frappe.get_meta(self.parenttype)
		table = meta.get_field(self.parentfield)
		if not table or table.options != self.doctype:
			return False
		ptype = "read" if permtype in READ_TYPES else "write"
		if table.permlevel and table.permlevel not in meta.get_permlevel_access(ptype, user=user):
			return False
		if not frappe.db.exists(self.parenttype, self.parent):
			return False
		return frappe.has_permission(self.parenttype, ptype, doc=self.parent, user=user)
