import re

import frappe
from frappe import _
from frappe.model.document import Document

WORK_ORDER_NO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")


class GSWorkOrder(Document):
	def validate(self) -> None:
		from govservice.service_hall.hotline import WorkOrderError

		if not WORK_ORDER_NO.match(self.work_order_no or ""):
			frappe.throw(
				_("A work order number is 1 to 40 letters, digits, hyphens and underscores."), WorkOrderError
			)
		if self.is_new() and frappe.db.exists(
			"GS Work Order",
			{"platform": self.platform or ("is", "not set"), "work_order_no": self.work_order_no},
		):
			frappe.throw(_("This work order has been filed already."), WorkOrderError)
		if self.caller_id_number:
			from govservice.utils import checked_resident_id

			self.caller_id_number = checked_resident_id(self.caller_id_number, WorkOrderError)
		for field, low, high in (("lat", -90, 90), ("long", -180, 180)):
			if self.get(field) and not low <= self.get(field) <= high:
				frappe.throw(_("The location is not a latitude and longitude."), WorkOrderError)

	def before_save(self) -> None:
		# after the save's checks (a person's insert has its system fields cleared): the case or complaint
		if self.is_new():
			from govservice.service_hall.hotline import before_insert

			before_insert(self)


def on_doctype_update() -> None:
	frappe.db.add_index("GS Work Order", ["platform", "work_order_no"])
	frappe.db.add_index("GS Work Order", ["gs_case"])
	frappe.db.add_index("GS Work Order", ["gs_complaint"])
