"""What the village's prints need: the service contact card's people and hotlines (Jinja helper)."""

from __future__ import annotations

import frappe

from govservice.citizen_portal.utils import agent_on_duty


def gs_contact_card(member) -> dict:
	"""The service contact card (服务联系卡) of a register entry: the responsible agent, today's agent on
	duty at the village and their B posts (name and phone), and the hotlines of the village, its township and
	the county."""

	def agent(name: str | None) -> dict | None:
		if not name:
			return None
		row = frappe.db.get_value("GS Agent", name, ["agent_name", "phone", "backup_agent"], as_dict=True)
		return row

	responsible = agent(member.responsible_agent)
	on_duty = agent(agent_on_duty(member.service_centre))
	backup = agent(responsible.backup_agent) if responsible else None
	centres = []
	for centre in (member.service_centre, member.township_centre, member.county_centre):
		if centre:
			centres.append(
				frappe.db.get_value(
					"GS Service Centre",
					centre,
					["official_name", "level", "hotline", "address"],
					as_dict=True,
				)
			)
	return {
		"responsible": responsible,
		"on_duty": on_duty,
		"backup": backup,
		"centres": centres,
		"public_hotlines": public_hotlines(),
	}


def public_hotlines() -> list[tuple[str, str]]:
	"""The county's public hotlines (GS Settings, one per line: "12345 政务服务便民热线"), as (number, what)."""
	text = frappe.db.get_single_value("GS Settings", "public_hotlines")
	if text is None:  # never set on this site: the field's default
		text = frappe.get_meta("GS Settings").get_field("public_hotlines").default or ""
	lines = []
	for line in text.splitlines():
		number, _space, label = line.strip().partition(" ")
		if number:
			lines.append((number, label.strip()))
	return lines
