"""Shared by the portal pages, the portal API and the controllers that guard portal submissions."""

import frappe
from frappe import _
from frappe.utils import cint, now_datetime

from govservice.catalogue.utils import CHANNEL_FIELDS, LEVEL_FIELDS
from govservice.domain.case_rules import nearest_handling_centre
from govservice.domain.catalogue_rules import search_rank
from govservice.domain.identity import IdentifierRefused, canonical

PORTAL_ROLE = "GS Portal User"
# 代办 / 上门办 / 网上办 / 一事联办, as the portal names them
CHANNEL_LABELS = {
	"Proxy": "Proxy Handling",
	"Door-to-Door": "Door-to-Door Service",
	"Online": "Online Handling",
	"Joint": "Joint Handling",
}
CHANNEL_COLUMNS = sorted({field for fields in CHANNEL_FIELDS.values() for field in fields})


class PortalRateLimitError(frappe.TooManyRequestsError):
	pass


def catalogue_code(value: str | None) -> str | None:
	"""An item code as a request names it, in its one canonical spelling; None when it cannot be one (the
	database's collation would otherwise find the item for a code written in full-width or other forms)."""
	try:
		return canonical(value or "", "code") or None
	except IdentifierRefused:
		return None


def is_portal_user(user: str | None = None) -> bool:
	"""A citizen or enterprise account: a website user without desk access."""
	user = user or frappe.session.user
	if user in ("Guest", "Administrator"):
		return False
	return frappe.get_cached_value("User", user, "user_type") == "Website User"


def check_submission_rate(user: str | None = None) -> None:
	"""Refuse a portal submission when the user already made the hourly number allowed in GS Settings
	(0 turns the limit off). Counted in Redis per user and clock hour, so every path counts: the API,
	web forms and anything else that inserts for a portal user."""
	user = user or frappe.session.user
	limit = cint(frappe.db.get_single_value("GS Settings", "portal_submissions_per_hour"))
	if not limit:
		return
	key = frappe.cache.make_key(f"govservice:portal-submissions:{user}:{now_datetime():%Y%m%d%H}")
	count = frappe.cache.incr(key)
	if count == 1:
		frappe.cache.expire(key, 3600)
	if count > limit:
		frappe.throw(
			_("You have sent {0} requests this hour, the most allowed. Please try again later.").format(
				limit
			),
			PortalRateLimitError,
			title=_("Too Many Requests"),
		)


def centre_chain(centre: str) -> list[tuple[str, str]]:
	"""(centre, level) from `centre` up to the county."""
	chain = []
	while centre:
		row = frappe.get_cached_value(
			"GS Service Centre", centre, ["name", "level", "parent_gs_service_centre"], as_dict=True
		)
		chain.append((row.name, row.level))
		centre = row.parent_gs_service_centre
	return chain


def handling_centre(service_item: str, chosen_centre: str | None) -> str:
	"""The chosen centre if its level handles the item, else the nearest level above it that does; without
	a choice, the county centre."""
	item = frappe.get_cached_doc("GS Service Item", service_item)
	handled = [level for level, field in LEVEL_FIELDS.items() if item.get(field)]
	if not chosen_centre:
		chosen_centre = frappe.db.get_value(
			"GS Service Centre", {"level": "County", "parent_gs_service_centre": ("is", "not set")}
		)
	centre = nearest_handling_centre(centre_chain(chosen_centre), handled) if chosen_centre else None
	if not centre:
		frappe.throw(
			_("{0} is handled only at a lower level; choose your township centre or village station.").format(
				item.item_name
			),
			frappe.ValidationError,
			title=_("Service Centre"),
		)
	return centre


def agent_on_duty(centre: str) -> str | None:
	"""Today's agent on the centre's duty roster, else its first active agent."""
	today = frappe.utils.today()
	on_duty = frappe.db.sql(
		"""select entry.agent from `tabGS Duty Roster Entry` entry
		join `tabGS Duty Roster` roster on roster.name = entry.parent
		join `tabGS Agent` agent on agent.name = entry.agent
		where roster.service_centre = %s and entry.duty_date = %s and agent.is_active = 1
		limit 1""",
		(centre, today),
	)
	if on_duty:
		return on_duty[0][0]
	return frappe.db.get_value(
		"GS Agent", {"service_centre": centre, "is_active": 1}, "name", order_by="creation asc"
	)


def catalogue(level: str = "", channel: str = "", q: str = "") -> list[dict]:
	"""Published items for the portal, filtered by level and channel, and by a search that matches names,
	codes, implementing bodies and the items' search keywords (低保, 社保卡…), best matches first."""
	filters = {"is_published": 1}
	if level in LEVEL_FIELDS:
		filters[LEVEL_FIELDS[level]] = 1
	items = frappe.get_all(
		"GS Service Item",
		filters=filters,
		fields=[
			"item_code",
			"item_name",
			"implementing_body",
			"search_keywords",
			"promised_limit_days",
			"handling_kind",
			"target",
			*CHANNEL_COLUMNS,
		],
		order_by="item_code asc",
		ignore_permissions=True,  # the published catalogue is public (公示公开)
	)
	if channel in CHANNEL_FIELDS:
		items = [item for item in items if any(item[field] for field in CHANNEL_FIELDS[channel])]
	ranked = []
	for item in items:
		rank = search_rank(q, item.item_name, item.item_code, item.implementing_body, item.search_keywords)
		if rank is None:
			continue
		item["channels"] = [
			CHANNEL_LABELS[name] for name, fields in CHANNEL_FIELDS.items() if any(item[f] for f in fields)
		]
		ranked.append((rank, item))
	ranked.sort(key=lambda pair: pair[0])  # stable: item codes stay in order within a rank
	return [item for _rank, item in ranked]


def portal_record(doctype: str, name: str | None, route: str):
	"""The record a portal page shows, read as the signed-in user: a guest is sent to log in (back to
	`route`), and a record that does not exist is refused exactly like one of someone else."""
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/portal-login?redirect-to=" + frappe.utils.quote(route)
		raise frappe.Redirect(302)  # depends on who asks: never a permanent (cached) redirect
	if (
		not name
		or not frappe.db.exists(doctype, name)
		or not frappe.has_permission(doctype, "read", doc=name)
	):
		raise frappe.PermissionError
	return frappe.get_doc(doctype, name)


def set_rating_context(context, filters: dict) -> None:
	"""好差评 on a portal page (govservice/templates/includes/gs_rating.html): the rating of the record in
	`filters` and its rectification, if any, and the levels to choose from."""
	from govservice.domain.rating_rules import RATING_LEVELS

	context.rating = frappe.db.get_value(
		"GS Rating", filters, ["rating", "comment", "rectification"], as_dict=True
	)
	context.rectification = (
		frappe.db.get_value(
			"GS Rectification",
			context.rating.rectification,
			["status", "outcome", "deadline_date"],
			as_dict=True,
		)
		if context.rating and context.rating.rectification
		else None
	)
	context.rating_levels = RATING_LEVELS
