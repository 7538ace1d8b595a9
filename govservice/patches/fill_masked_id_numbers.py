"""Cases and portal profiles saved before the full resident ID number moved to a permission level get their
masked copy, which everyone else sees."""

import frappe

from govservice.domain.identity import mask_resident_id


def execute() -> None:
	for doctype in ("GS Case", "GS Portal Profile"):
		frappe.reload_doctype(doctype)
		for row in frappe.get_all(
			doctype,
			filters={"id_number": ["is", "set"], "id_number_masked": ["is", "not set"]},
			fields=["name", "id_number"],
		):
			frappe.db.set_value(
				doctype, row.name, "id_number_masked", mask_resident_id(row.id_number), update_modified=False
			)
