from frappe.model.document import Document


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
	pass
