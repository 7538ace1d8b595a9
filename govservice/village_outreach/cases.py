"""Cases opened from the village's own work: a collected request (一周一收集) or a need found on a visit
(调查走访). Each is registered at the village station by its agent; when the village does not handle the
item it goes up, the same working day, to the nearest level that does (the case's transfer, in the work
log), and the village agent keeps following it (首办负责).

`CaseOpener` reads what every row needs (the items, the village's chain of centres, the calendar) once,
so opening N cases costs N case inserts and nothing per row besides. `follow_case` (GS Case on_update)
keeps the rows showing where their case is handled and its state.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime

from govservice.casework.stages import OPEN_STAGES
from govservice.catalogue.utils import LEVEL_FIELDS
from govservice.citizen_portal.utils import centre_chain
from govservice.domain.case_rules import nearest_handling_centre
from govservice.village_outreach.errors import DispatchError

ITEM_FIELDS = (
	"name",
	"item_name",
	"department",
	"offers_door_to_door",
	"department_visits_home",
	"target",
	*LEVEL_FIELDS.values(),
)


class CaseOpener:
	def __init__(self, village: str, item_codes) -> None:
		if not frappe.has_permission("GS Case", "create"):
			raise frappe.PermissionError(_("You may not register cases."))
		self.village = village
		self.chain = centre_chain(village)
		codes = sorted({code for code in item_codes if code})
		self.items = {
			row.name: row
			for row in frappe.get_all(
				"GS Service Item", filters={"name": ["in", codes]}, fields=list(ITEM_FIELDS)
			)
		}
		self.titles = dict(
			frappe.get_all(
				"GS Service Centre",
				filters={"name": ["in", [centre for centre, _level in self.chain]]},
				fields=["name", "official_name"],
				as_list=True,
			)
		)

	def handling_centre(self, item_code: str) -> str | None:
		item = self.items[item_code]
		handled = [level for level, field in LEVEL_FIELDS.items() if item.get(field)]
		return nearest_handling_centre(self.chain, handled)

	def check_item(self, item_code: str) -> str | None:
		"""Why a row with this item cannot become a case (None when it can)."""
		item = self.items.get(item_code)
		if not item:
			return _("{0} is not in the service catalogue.").format(item_code)
		if item.target == "Legal Person":
			return _("{0} is for enterprises only.").format(item.item_name)
		if not self.handling_centre(item_code):
			return _("{0} is not handled at the village or any level above it.").format(item.item_name)
		return None

	def open(self, item_code: str, agent: str, fields: dict, reason: str) -> frappe.model.document.Document:
		"""Register a case at the village for `agent` and, when the village does not handle the item, move it
		up to the nearest level that does. `fields`: the applicant and the channel."""
		item = self.items[item_code]
		case = frappe.get_doc(
			{
				"doctype": "GS Case",
				"applicant_type": "Individual",
				"service_item": item_code,
				"service_centre": self.village,
				"agent": agent,
				"received_on": now_datetime(),
				**fields,
			}
		)
		if fields.get("is_door_to_door") and item.department_visits_home and item.department:
			case.append(
				"tasks",
				{
					"department": item.department,
					"is_lead": 1,
					"notes": _("The department comes to the door."),
				},
			)
		case.insert(ignore_permissions=True)  # the caller may create cases at this village (checked above)
		target = self.handling_centre(item_code)
		if target and target != self.village:
			case.move_to(
				target,
				_("{0} is handled at {1}: {2}").format(
					item.item_name, self.titles.get(target, target), reason
				),
			)
		return case


def refuse_rows(problems: list[str], title: str) -> None:
	if problems:
		frappe.throw("<br>".join(frappe.utils.escape_html(p) for p in problems), DispatchError, title=title)


def update_rows(doctype: str, values: dict[str, dict]) -> None:
	"""Write what each row now shows (its case, where it is handled, its state) in one UPDATE for all the
	rows: the rows of a sheet cost nothing more than their cases."""
	if not values:
		return
	fields = sorted({field for row in values.values() for field in row})
	names = ", ".join(frappe.db.escape(name) for name in values)
	assignments = []
	for field in fields:
		cases = " ".join(
			f"when {frappe.db.escape(name)} then {frappe.db.escape(row[field]) if row.get(field) is not None else 'null'}"
			for name, row in values.items()
			if field in row
		)
		assignments.append(f"`{field}` = case name {cases} else `{field}` end")
	frappe.db.sql(f"update `tab{doctype}` set {', '.join(assignments)} where name in ({names})")


def state_label(status: str | None) -> str:
	"""A case's state as the sheet shows and prints it, in the site's language."""
	lang = frappe.db.get_single_value("System Settings", "language") or "zh"
	return _(status or "", lang=lang)


def follow_case(doc, method: str | None = None) -> None:
	"""GS Case on_update: the collection rows and visit needs of a case show where it is and its state; a
	sheet whose cases are all closed is closed."""
	if doc.intake_channel not in ("Village Collection", "Door-to-Door Visit"):
		return
	if doc.intake_channel == "Door-to-Door Visit":
		frappe.db.sql(
			"update `tabGS Visit Need` set case_centre = %s where gs_case = %s",
			(doc.service_centre, doc.name),
		)
		return
	sheets = frappe.db.sql(
		"select distinct parent from `tabGS Collection Request` where gs_case = %s", doc.name, pluck=True
	)
	if not sheets:
		return
	frappe.db.sql(
		"""update `tabGS Collection Request` set case_state = %s, case_centre = %s, accepted_on = %s
		where gs_case = %s""",
		(
			state_label(doc.status),
			doc.service_centre,
			getdate(doc.accepted_on) if doc.accepted_on else None,
			doc.name,
		),
	)
	for sheet in sheets:
		still_open = frappe.db.sql(
			"""select count(*) from `tabGS Collection Request` r
			left join `tabGS Case` c on c.name = r.gs_case
			where r.parent = %s and r.parenttype = 'GS Collection Sheet'
				and (r.case_state is null or r.case_state = '' or c.stage in %s)""",
			(sheet, OPEN_STAGES),
		)[0][0]
		if not still_open:
			frappe.db.set_value("GS Collection Sheet", sheet, "status", "Closed", update_modified=False)
