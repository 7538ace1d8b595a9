"""一次性告知 of a key-project approval, told to the enterprise: a text to its contact's phone (the approved
template "Project One-Time Notice" through the county's carrier, or the generic gateway), and the written
notice (一次性告知书, govservice.api.printing.project_notice_pdf) on its /my-projects page."""

from __future__ import annotations

import frappe
from frappe import _

MATERIALS_IN_TEXT = 60  # the full list is in the written notice; a text carries its start


def tell_enterprise(project, stop) -> None:
	"""Text the enterprise's contact what `stop` (a clock stop of the project) asks for. A text that cannot
	go out (no gateway, a carrier's refusal: logged and told to the administrators by the sender) does not
	undo the notice, which the enterprise also reads on the portal."""
	from govservice.citizen_portal import carriers

	phone = (project.owner_phone or "").strip()
	if not phone:
		return
	materials = "；".join(
		line.strip() for line in (stop.missing_materials or "").splitlines() if line.strip()
	)
	if len(materials) > MATERIALS_IN_TEXT:
		materials = materials[: MATERIALS_IN_TEXT - 1] + "…"
	values = {
		"enterprise": project.owner_enterprise,
		"project": project.project_name,
		"approval": stop.item_name,
		"materials": materials,
	}
	text = _("{0}: for {1} of {2}, please supply {3}.", lang="zh").format(
		values["enterprise"], values["approval"], values["project"], materials
	) + _("The written notice is on the portal under My Projects.", lang="zh")
	try:
		carriers.send(phone, "Project One-Time Notice", values, text)
	except frappe.ValidationError:
		frappe.clear_last_message()
