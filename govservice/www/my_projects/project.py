"""One key project of the signed-in enterprise: its stages and approvals with their deadlines, what is still
missing, its liaison agent, and its agreement and timetable (the project's portal account only)."""

import frappe
from frappe import _
from frappe.utils import getdate

from govservice.api.printing import PORTAL_PRINT_FORMATS, portal_pdf_url, project_notice_url
from govservice.citizen_portal.utils import portal_record, set_rating_context
from govservice.key_projects.materials import approvals_of, materials_by_approval
from govservice.key_projects.reports import working_days
from govservice.printing.jinja import gs_department

no_cache = 1


def get_context(context):
	name = frappe.form_dict.get("project_name")
	project = portal_record("GS Key Project", name, f"/my-projects/{name}")
	context.project = project
	context.title = project.project_name
	context.agent = frappe.db.get_value(
		"GS Agent", project.liaison_agent, ["agent_name", "phone"], as_dict=True
	)
	context.centre = frappe.db.get_value(
		"GS Service Centre", project.service_centre, ["official_name", "hotline"], as_dict=True
	)
	today = getdate()
	for row in project.materials:  # expired since its last save: shown as expired now
		row.shown_status = row.material_status or "Missing"
		if row.file and row.valid_until and getdate(row.valid_until) < today:
			row.shown_status = "Expired"
		row.used_by = approvals_of(row)
	context.materials = project.materials
	context.can_upload = project.status != "Completed"
	shared = materials_by_approval(project)
	context.days_used = working_days(project.accepted_on, today) if project.accepted_on else None
	context.stages = []
	for stage in project.stages:
		rows = [row for row in project.approvals if row.stage_name == stage.stage_name]
		for row in rows:
			row.department_name = gs_department(row.department)
			row.materials = shared.get(row.item_name, [])
			row.overdue = (
				row.approval_status == "In Progress" and row.due_date and getdate(row.due_date) < today
			)
		stage.lead_name = gs_department(stage.lead_department)
		context.stages.append((stage, rows))
	# 容缺: materials the plan deferred for approvals not yet granted
	context.missing = (
		[
			frappe._dict(what=row.item_name, materials=row.deferred_materials)
			for row in project.approvals
			if row.decision == "Deferred Materials"
			and row.deferred_materials
			and row.approval_status != "Approved"
		]
		+ [
			frappe._dict(what=stage.stage_name, materials=stage.pre_review_deferred)
			for stage in project.stages
			if stage.pre_review_deferred and stage.stage_status != "Completed"
		]
		+ [
			frappe._dict(
				what=row.item_name,
				materials=_("{0}, promised by {1}").format(
					row.material_name, frappe.format(row.promised_date, {"fieldtype": "Date"})
				),
			)
			for row in project.get("deferred_items") or []
			if not row.received_on
		]
	)
	# 一次性告知: what the departments asked for, while the approval's clock stands still
	context.waiting = [pause for pause in project.approval_pauses if not pause.resumed_on]
	for pause in project.approval_pauses:  # each approval's written notice (一次性告知书), as a PDF
		pause.url = project_notice_url(project.name, pause.name)
	# 好差评 of the agency: once, when a stage is done
	set_rating_context(context, {"key_project": project.name})
	context.can_rate = (
		not context.rating
		and project.owner_user == frappe.session.user
		and any(stage.stage_status == "Completed" for stage in project.stages)
	)
	context.documents = [
		(print_format, portal_pdf_url("GS Key Project", project.name, print_format))
		for print_format in PORTAL_PRINT_FORMATS["GS Key Project"]
	]
