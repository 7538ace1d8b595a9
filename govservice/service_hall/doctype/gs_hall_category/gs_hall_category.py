from frappe.model.document import Document


class GSHallCategory(Document):
	def validate(self) -> None:
		from govservice.service_hall.categories import validate_category

		validate_category(self)
