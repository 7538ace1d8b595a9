"""Demo county (鹤峰县): centres, windows, departments with liaisons, agents, duty rosters, service items.

The data lives in demo_data.json, drawn from the seed notices. Loading is idempotent: records that exist
are left alone, so `bench --site … govservice-setup --demo` can be repeated.
"""

import json
from pathlib import Path

import frappe
from frappe.utils import get_first_day, get_last_day, getdate

DATA = Path(__file__).with_name("demo_data.json")


def demo_password() -> str:
	"""The demo users' password on this site: made at random when the demo is first loaded and kept in the
	site's configuration (`govservice_demo_password`), never written in the repository, so a demo loaded on a
	reachable site is not an open door. `bench --site … govservice-setup --demo` prints it."""
	from frappe.installer import update_site_config

	password = frappe.conf.get("govservice_demo_password")
	if not password:
		password = f"Demo-{frappe.generate_hash(length=10)}-{frappe.generate_hash(length=4)}"
		update_site_config("govservice_demo_password", password)
		frappe.local.conf.govservice_demo_password = password
	return password


def load_demo() -> None:
	# the demo's records (the work log's notes) in the site's language, whoever runs the command
	frappe.local.lang = frappe.db.get_single_value("System Settings", "language") or "zh"
	data = json.loads(DATA.read_text(encoding="utf-8"))
	company = frappe.db.get_value("Company", {}, "name")
	load_portal(data["portal"])
	load_departments(data["departments"], company)
	load_centres(data["centres"])
	load_agents(data["agents"])
	load_staff(data["staff"], company)
	load_rosters()
	load_service_items(data["service_items"], company)
	load_cases()
	from govservice.complaints.setup import ensure_weekly_reports
	from govservice.setup.demo_projects import load_key_projects

	load_key_projects(data["key_projects"], company)
	from govservice.setup.demo_outreach import load_outreach

	load_outreach()
	from govservice.setup.demo_hall import load_hall

	load_hall(data["hall"])

	ensure_weekly_reports([frappe.db.get_value("User", {"name": ["like", "admin@%"]}) or "Administrator"])


def load_portal(portal: dict) -> None:
	"""The county's portal name, footer and hotline, unless an administrator set their own."""
	settings = frappe.get_single("GS Settings")
	from govservice.citizen_portal.sms import DEFAULT_PORTAL_NAME

	if settings.portal_name in (None, "", DEFAULT_PORTAL_NAME):
		settings.update(portal)
		settings.save(ignore_permissions=True)  # demo data loaded by the Administrator's command


def department_name(department: str, company: str | None) -> str:
	"""ERPNext names departments "<name> - <company abbreviation>"."""
	abbr = frappe.get_cached_value("Company", company, "abbr") if company else None
	return f"{department} - {abbr}" if abbr else department


def load_departments(departments: list[dict], company: str | None) -> None:
	for row in departments:
		name = department_name(row["department_name"], company)
		if not frappe.db.exists("Department", name):
			frappe.get_doc(
				{
					"doctype": "Department",
					"department_name": row["department_name"],
					"company": company,
					"parent_department": frappe.db.get_value("Department", {"is_group": 1}, "name"),
				}
			).insert(ignore_permissions=True)  # demo data loaded by the Administrator's command
			name = frappe.db.get_value("Department", {"department_name": row["department_name"]}, "name")
		if not frappe.db.exists("GS Department Liaison", name):
			frappe.get_doc(
				{"doctype": "GS Department Liaison", "department": name, **row["liaison"]}
			).insert()


def load_centres(centres: list[dict]) -> None:
	for row in centres:
		if frappe.db.exists("GS Service Centre", row["centre_name"]):
			continue
		frappe.get_doc(
			{
				"doctype": "GS Service Centre",
				"centre_name": row["centre_name"],
				"official_name": row["official_name"],
				"level": row["level"],
				"parent_gs_service_centre": row.get("parent"),
				"address": row.get("address"),
				"hotline": row.get("hotline"),
				"opening_hours": row.get("opening_hours"),
				"windows": row.get("windows", []),
			}
		).insert()


def demo_user(email: str, full_name: str, roles: tuple[str, ...] = ()) -> str:
	"""A desk user in Chinese with the demo password (and `roles`), created once."""
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": full_name,
				"language": "zh",
				"send_welcome_email": 0,
				"new_password": demo_password(),
				"roles": [{"role": role} for role in roles],
			}
		).insert(ignore_permissions=True)  # demo users created by the Administrator's command
	return email


def load_staff(staff: list[dict], company: str | None) -> None:
	"""Window officers and lead, supervisors, a department's contact and leader in charge, the
	supervisory department and an administrator: one demo user for each role of the app."""
	for row in staff:
		user = demo_user(row["email"], row["full_name"], tuple(row["roles"]))
		if row.get("window"):
			centre, window = row["window"]
			doc = frappe.get_doc("GS Service Centre", centre)
			for line in doc.windows:
				if line.window_name == window and line.officer != user:
					line.officer = user
					doc.save()
		if row.get("window_lead"):
			frappe.db.set_single_value("GS Settings", "window_lead", user)
		if row.get("supervisor_of"):
			doc = frappe.get_doc("GS Service Centre", row["supervisor_of"])
			if doc.supervisor != user:
				doc.supervisor = user
				doc.save()
		for key, field in (("contact_of", "contact_user"), ("leader_of", "leader_user")):
			if row.get(key):
				liaison = frappe.get_doc("GS Department Liaison", department_name(row[key], company))
				if liaison.get(field) != user:
					liaison.set(field, user)
					liaison.save()


def load_agents(agents: list[dict]) -> None:
	names: dict[str, str] = {}
	for row in agents:
		demo_user(row["email"], row["full_name"])
		agent = frappe.db.get_value("GS Agent", {"user": row["email"]})
		if not agent:
			agent = (
				frappe.get_doc(
					{
						"doctype": "GS Agent",
						"user": row["email"],
						"agent_name": row["full_name"],
						"service_centre": row["centre"],
						"agent_role": row.get("agent_role", "Proxy Agent"),
						"employment": row.get("employment", "Full-time"),
						"phone": row.get("phone"),
						"liaison_for": row.get("liaison_for", []),
					}
				)
				.insert()
				.name
			)
		names[row["key"]] = agent
	for row in agents:
		if row.get("backup") and not frappe.db.get_value("GS Agent", names[row["key"]], "backup_agent"):
			agent = frappe.get_doc("GS Agent", names[row["key"]])
			agent.backup_agent = names[row["backup"]]
			agent.save()


def load_rosters() -> None:
	"""This month's duty roster for every village station (one agent on duty each working day)."""
	today = getdate()
	start, end = get_first_day(today), get_last_day(today)
	for centre in frappe.get_all("GS Service Centre", filters={"level": "Village"}, pluck="name"):
		if frappe.db.exists("GS Duty Roster", {"service_centre": centre, "from_date": start}):
			continue
		if not frappe.db.exists("GS Agent", {"service_centre": centre, "is_active": 1}):
			continue
		roster = frappe.get_doc(
			{"doctype": "GS Duty Roster", "service_centre": centre, "from_date": start, "to_date": end}
		)
		roster.fill_working_days()
		roster.insert()


def load_service_items(items: list[dict], company: str | None) -> None:
	for row in items:
		if frappe.db.exists("GS Service Item", row["item_code"]):
			# a demo site from before items had search keywords gets them, unless someone wrote their own
			if row.get("search_keywords") and not frappe.db.get_value(
				"GS Service Item", row["item_code"], "search_keywords"
			):
				frappe.db.set_value(
					"GS Service Item", row["item_code"], "search_keywords", row["search_keywords"]
				)
			continue
		values = dict(row)
		if values.get("department"):
			values["department"] = department_name(values["department"], company)
		frappe.get_doc({"doctype": "GS Service Item", **values}).insert()


DEMO_APPLICANTS = ("田秀英", "向德明", "覃桂花", "唐先贵", "龚春梅", "邓大山")
# (workflow actions to apply, materials received) per demo case
DEMO_PATHS = (
	((), False),
	(("Accept",), True),
	(("Accept", "Start Handling"), True),
	(("Request Materials",), False),
	(("Accept", "Start Handling", "Complete"), True),
	(("Accept", "Start Handling"), True),
)


def demo_id_number(index: int) -> str:
	"""A valid-format resident ID for a demo applicant (鹤峰县 division code, born 1940-1950)."""
	from govservice.domain.identity import resident_id_check_char

	first17 = f"422828{1940 + index}0{(index % 9) + 1}1{index % 10}00{index % 10}"
	return first17 + resident_id_check_char(first17)


def load_cases() -> None:
	"""A few proxy-handling cases at village stations, in different states, for the demo."""
	from frappe.model.workflow import apply_workflow

	if frappe.db.exists("GS Case", {"applicant_name": DEMO_APPLICANTS[0]}):
		return
	items = frappe.get_all(
		"GS Service Item",
		filters={"handled_at_village": 1, "offers_proxy": 1, "is_published": 1},
		pluck="name",
	)
	agents = frappe.get_all(
		"GS Agent",
		filters={"level": "Village", "is_active": 1},
		fields=["name", "service_centre"],
		order_by="name",
	)
	if not items or not agents:
		return
	for index, (name, (actions, received)) in enumerate(zip(DEMO_APPLICANTS, DEMO_PATHS, strict=True)):
		agent = agents[index % len(agents)]
		case = frappe.get_doc(
			{
				"doctype": "GS Case",
				"applicant_type": "Individual",
				"applicant_name": name,
				"id_number": demo_id_number(index),
				"phone": f"1390718{index:04d}",
				"service_item": items[index % len(items)],
				"service_centre": agent.service_centre,
				"agent": agent.name,
				"intake_channel": "Village Collection" if index % 2 else "Door-to-Door Visit",
				"is_special_group": 1 if index % 3 == 0 else 0,
				"special_group": "Elderly" if index % 3 == 0 else None,
			}
		).insert()
		for row in case.materials:
			row.is_received = 1 if received or row.idx > 1 else 0
		case.save()
		for action in actions:
			case = apply_workflow(frappe.get_doc("GS Case", case.name), action)


def use_local_sms_gateway(url: str) -> None:
	"""The demo's texts go to the local gateway (govservice.tests.sms_gateway) unless SMS Settings already
	has a gateway: a real one is never replaced."""
	if frappe.db.get_single_value("SMS Settings", "sms_gateway_url"):
		return
	from govservice.tests.utils import use_sms_gateway

	use_sms_gateway(url)
	frappe.db.commit()
