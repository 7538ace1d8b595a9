import frappe
from frappe import _

no_cache = 1


def get_context(context):
	"""大屏: the hall's screen (a browser in kiosk mode): the numbers being called and where to go, how many
	wait in each category, announced in Chinese by the browser's speech. Numbers and windows only."""
	from govservice.service_hall.categories import hall_centres

	context.title = _("Hall Screen")
	context.no_header = 1
	context.no_breadcrumbs = 1
	centres = hall_centres()
	wanted = frappe.form_dict.get("centre")
	context.centres = centres
	context.time_zone = frappe.utils.get_system_timezone()
	context.centre = next((c for c in centres if isinstance(wanted, str) and c.name == wanted), None)
