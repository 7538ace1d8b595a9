"""全县域通办台账: what each centre did for the others in a period — the applications it received and passed to
the centre that handles them (代收), the results it handed over for cases another centre handled (代发), and
its own cases whose results another centre handed over (异地出件).

Each row is one the reader's centres took part in (their scope, with the centres below them); the county's
administrators read every centre's (the supervisory department reads the monthly figures, not cases). The rows name the case, the item, the
applicant (ID masked) and the centres, nothing more.
"""

import frappe
from frappe import _

from govservice.citizen_portal.utils import is_portal_user
from govservice.reporting import DateFilter, LinkFilter, column, read_filters, refuse
from govservice.security.registry import is_admin
from govservice.security.scope import user_centres


def scope_centres(user: str) -> list[str] | None:
	"""The centres whose ledger `user` reads: None for every centre, [] for none."""
	if is_admin(user):
		return None
	if is_portal_user(user):
		return []
	return user_centres(user, "GS Case")


def execute(filters: dict | None = None) -> tuple:
	read = read_filters(
		filters,
		DateFilter(
			"from_date",
			"From",
			lambda: frappe.utils.getdate(frappe.utils.add_days(frappe.utils.nowdate(), -30)),
		),
		DateFilter("to_date", "To", lambda: frappe.utils.getdate(frappe.utils.nowdate())),
		LinkFilter("service_centre", "Service Centre"),
		period=("from_date", "to_date"),
	)
	centres = scope_centres(frappe.session.user)
	if read.service_centre:
		if centres is not None and read.service_centre not in centres:
			refuse("Service Centre")
		centres = [read.service_centre]
	return columns(), rows(centres, read.from_date, read.to_date)


def columns() -> list[dict]:
	return [
		column("Kind", "kind", width=150),
		column("Service Centre", "centre", "Link", 150, "GS Service Centre"),
		column("Case", "gs_case", "Link", 160, "GS Case"),
		column("Service Item", "item_name", width=180),
		column("Applicant", "applicant_name", width=110),
		column("Applicant ID (Masked)", "applicant_id", width=170),
		# a name, not a link: Frappe's report runner drops a row whose links leave the reader's user permissions
		column("Other Centre", "other_centre", width=150),
		column("Transferred or Handed Over On", "on", "Datetime", 150),
		column("Status", "status", width=110),
	]


def rows(centres: list[str] | None, from_date, to_date) -> list[dict]:
	if centres == []:
		return []
	period = ["between", [f"{from_date} 00:00:00", f"{to_date} 23:59:59.999999"]]

	def within(field: str) -> dict:
		return {field: ["in", centres]} if centres is not None else {field: ["is", "set"]}

	found = []
	# 代收: received here, passed to the centre that handles it (the transfer's record on the case)
	for row in frappe.get_all(
		"GS Case",
		filters={**within("transferred_from"), "transferred_on": period},
		fields=[
			"name",
			"item_name",
			"applicant_name",
			"id_number_masked",
			"credit_code",
			"transferred_from",
			"service_centre",
			"transferred_on",
			"status",
		],
		order_by="transferred_on asc",
		ignore_permissions=True,  # the reader's own centres' intake: the rows name only what they received
	):
		found.append(
			ledger_row(
				"Received for Another Centre",
				row.transferred_from,
				row,
				row.service_centre,
				row.transferred_on,
				row.status,
			)
		)
	# 代发 and 异地出件: the results window's records of results handled elsewhere
	handovers = "GS Result Handover"
	fields = [
		"gs_case",
		"item_name",
		"applicant_name",
		"applicant_id_masked",
		"service_centre",
		"handling_centre",
		"ready_on",
		"issued_on",
		"status",
	]
	for kind, here, there in (
		("Issued for Another Centre", "service_centre", "handling_centre"),
		("Issued Elsewhere", "handling_centre", "service_centre"),
	):
		for row in frappe.get_all(
			handovers,
			filters={**within(here), "is_cross_centre": 1, "ready_on": period},
			fields=fields,
			order_by="ready_on asc",
			ignore_permissions=True,  # the results of the reader's own centres, one way or the other
		):
			found.append(
				ledger_row(
					kind,
					row[here],
					frappe._dict(
						name=row.gs_case,
						item_name=row.item_name,
						applicant_name=row.applicant_name,
						id_number_masked=row.applicant_id_masked,
					),
					row[there],
					row.issued_on or row.ready_on,
					row.status,
				)
			)
	return found


def ledger_row(kind: str, centre: str, case, other: str, on, status: str) -> dict:
	return {
		"kind": _(kind),
		"centre": centre,
		"gs_case": case.name,
		"item_name": case.item_name,
		"applicant_name": case.applicant_name,
		"applicant_id": case.get("id_number_masked") or case.get("credit_code"),
		"other_centre": other,
		"on": on,
		"status": _(status) if status else "",
	}
