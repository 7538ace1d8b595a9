"""Cases saved before stages and recipient fields existed get them from their state, agent and centre."""

import frappe

from govservice.casework.stages import stage_of_state
from govservice.organisation.utils import responsible_supervisor


def execute() -> None:
	frappe.reload_doctype("GS Case")
	frappe.clear_cache(doctype="GS Case")
	agents = {row.name: row for row in frappe.get_all("GS Agent", fields=["name", "user", "backup_agent"])}
	for case in frappe.get_all("GS Case", fields=["name", "status", "agent", "service_centre"]):
		agent = agents.get(case.agent) or frappe._dict()
		backup = agents.get(agent.backup_agent) or frappe._dict()
		frappe.db.set_value(
			"GS Case",
			case.name,
			{
				"stage": stage_of_state(case.status) or "Registered",
				"agent_user": agent.user,
				"backup_agent_user": backup.user,
				"supervisor_user": responsible_supervisor(case.service_centre),
			},
			update_modified=False,
		)
