import frappe
from frappe import _

no_cache = 1


def get_context(context):
	"""Each centre's hotline and its public agents (代办员公示, 三亮: identity, duties, promise), and the
	titles of the last confirmed quarterly evaluation (双争); open to everyone. `?centre=` shows one centre."""
	from govservice.supervision.evaluations import public_titles

	context.title = _("Service Centres and Agents")
	filters = {}
	wanted = frappe.form_dict.get("centre")
	if isinstance(wanted, str) and wanted.strip():
		filters["name"] = wanted.strip()[:140]
	centres = frappe.get_all(
		"GS Service Centre",
		filters=filters,
		fields=["name", "official_name", "level", "address", "hotline", "opening_hours"],
		order_by="lft asc",
	)
	if filters and not centres:
		raise frappe.DoesNotExistError(_("No such service centre."))
	agents = frappe.get_all(
		"GS Agent",
		filters={
			"is_active": 1,
			"show_on_portal": 1,
			**({"service_centre": centres[0].name} if filters else {}),
		},
		fields=["name", "agent_name", "phone", "service_centre", "agent_role", "duties", "service_promise"],
		order_by="agent_name asc",
	)
	titles = public_titles([c.name for c in centres] if filters else None)
	for agent in agents:
		agent.title = titles.get(agent.name)
		agent.pop("name")
	for centre in centres:
		centre.agents = [a for a in agents if a.service_centre == centre.name]
		centre.title = titles.get(centre.name)
	context.centres = centres
	context.single = bool(filters)
	if filters:
		context.title = centres[0].official_name or centres[0].name
