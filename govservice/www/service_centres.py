import frappe
from frappe import _

no_cache = 1


def get_context(context):
	"""Each centre's hotline and its public agents (代办员公示); open to everyone."""
	context.title = _("Service Centres and Agents")
	centres = frappe.get_all(
		"GS Service Centre",
		fields=["name", "official_name", "level", "address", "hotline", "opening_hours"],
		order_by="lft asc",
	)
	agents = frappe.get_all(
		"GS Agent",
		filters={"is_active": 1, "show_on_portal": 1},
		fields=["agent_name", "phone", "service_centre", "agent_role"],
		order_by="agent_name asc",
	)
	for centre in centres:
		centre.agents = [a for a in agents if a.service_centre == centre.name]
	context.centres = centres
