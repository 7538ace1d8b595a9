import frappe
from frappe.model.document import Document


class GSBackOfficeTask(Document):
	"""按责转办: a case passed by the front window to the back office of the department responsible, under a
	limit in working days; the department returns the result (or sends the case back). Every field is set
	by the actions of govservice.service_hall.back_office."""

	def onload(self) -> None:
		from govservice.service_hall.back_office import answering_as

		self.set_onload("answer_as", answering_as(self) if self.status == "With Back Office" else None)


def on_doctype_update() -> None:
	frappe.db.add_index("GS Back Office Task", ["department", "status", "due_date"])
	frappe.db.add_index("GS Back Office Task", ["gs_case", "department"])
