import frappe
from frappe import _

no_cache = 1


def get_context(context):
	"""取号 on the hall's kiosk (`?kiosk=1`) or a phone (the QR code at the door): choose the category, get a
	number with the people ahead and the wait, follow it until called, rate the service; 预约签到 with the
	appointment's code. No account and no personal data."""
	from govservice.domain.rating_rules import RATING_LEVELS
	from govservice.service_hall.categories import hall_centres

	context.title = _("Take a Number")
	context.no_breadcrumbs = 1
	centres = hall_centres()
	wanted = frappe.form_dict.get("centre")
	context.centres = centres
	context.centre = next((c for c in centres if isinstance(wanted, str) and c.name == wanted), None)
	context.kiosk = frappe.form_dict.get("kiosk") == "1"
	context.levels = RATING_LEVELS
