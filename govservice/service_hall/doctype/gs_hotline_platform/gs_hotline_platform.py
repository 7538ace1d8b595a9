import frappe
from frappe import _
from frappe.model.document import Document


class GSHotlinePlatform(Document):
	def validate(self) -> None:
		if self.callback_url and not self.callback_url.startswith(("https://", "http://")):
			frappe.throw(_("The callback URL starts with https://."))
		roles = set(frappe.get_roles(self.user))
		if roles - {"GS Hotline Platform", "All", "Guest", "Desk User"}:
			frappe.throw(_("The platform's API user has the role GS Hotline Platform only."))

	def on_update(self) -> None:
		from govservice.service_hall.hotline import ensure_webhook

		ensure_webhook(self)
