from frappe.model.document import Document

CONTACT_ROLE = "GS Department Contact"


class GSDepartmentLiaison(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		contact_name: DF.Data
		contact_phone: DF.Data
		contact_user: DF.Link | None
		department: DF.Link
		leader_name: DF.Data
		leader_phone: DF.Data
		leader_user: DF.Link | None

	# end: auto-generated types
	def on_update(self) -> None:
		import frappe

		for user in filter(None, (self.contact_user, self.leader_user)):
			if CONTACT_ROLE not in frappe.get_roles(user):
				doc = frappe.get_doc("User", user)
				doc.flags.ignore_permissions = True  # the role follows from the liaison table an admin saved
				doc.add_roles(CONTACT_ROLE)
