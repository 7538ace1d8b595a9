import frappe
from frappe.utils import getdate, today

from govservice.api.printing import portal_pdf_url
from govservice.casework.stages import CLOCK_STAGES, DONE_STAGES, OPEN_STAGES
from govservice.citizen_portal.utils import portal_record, set_rating_context
from govservice.organisation.calendar import count_working_days, is_provisional
from govservice.printing.jinja import notice_materials

no_cache = 1
# Ledger entries an applicant sees (without the staff's notes); internal ones stay in the desk.
APPLICANT_ACTIONS = (
	"Registered",
	"One-Time Notice",
	"Materials Supplied",
	"Accepted",
	"Started Handling",
	"Transferred",
	"Completed",
	"Result Ready",
	"Archived",
	"Not Accepted",
	"Terminated",
)


def get_context(context):
	"""One request of the signed-in applicant: state, history, deadline, agent, notices, PDFs, rating."""
	name = frappe.form_dict.get("case_name")
	case = portal_record("GS Case", name, f"/my-requests/{name}")
	context.case = case
	context.title = f"{case.item_name} · {case.name}"
	context.history = frappe.get_all(
		"GS Work Log",
		filters={"gs_case": case.name, "action": ("in", APPLICANT_ACTIONS)},
		fields=["action", "log_on"],
		order_by="log_on asc, creation asc",
	)
	context.working_days_left = (
		count_working_days(today(), case.deadline_date)
		if case.deadline_date and case.stage in CLOCK_STAGES and getdate(case.deadline_date) >= getdate()
		else None
	)
	context.deadline_provisional = is_provisional(case.deadline_date)
	context.agent = frappe.db.get_value("GS Agent", case.agent, ["agent_name", "phone"], as_dict=True)
	context.centre = frappe.db.get_value(
		"GS Service Centre", case.service_centre, ["official_name", "hotline", "address"], as_dict=True
	)
	context.notices = frappe.get_all(
		"GS One-Time Notice",
		filters={"gs_case": case.name},
		fields=["name", "issued_date", "supplied_date"],
		order_by="creation asc",
	)
	# what to upload: what the one-time notice asks for while the request waits for it, else what is missing
	asked = set(notice_materials(case.name)) if case.stage == "Awaiting Materials" else None
	context.missing = [
		row
		for row in case.materials
		if not row.is_received and (row.material_name in asked if asked is not None else row.is_required)
	]
	context.can_upload = case.stage in OPEN_STAGES
	set_rating_context(context, {"gs_case": case.name})
	context.can_rate = case.stage in DONE_STAGES and not context.rating
	context.agreement_url = (
		portal_pdf_url("GS Case", case.name, "GS Entrustment Agreement") if case.accepted_on else None
	)
	# 网上出件: the electronic licence, once the result is issued electronically
	context.licence_url = (
		"/api/method/govservice.service_hall.results.download_licence?"
		+ frappe.utils.urlencode({"case": case.name})
		if case.electronic_licence
		and case.delivery_method == "Electronic Certificate"
		and case.result_ready_on
		else None
	)
	for notice in context.notices:
		notice.url = portal_pdf_url("GS One-Time Notice", notice.name, "GS One-Time Notice")
