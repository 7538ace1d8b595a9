"""Install-time defaults. Every function here is idempotent: it may run on install, migrate and tests."""

import frappe
from frappe.utils import cint, getdate

from govservice.citizen_portal.site import hide_error_tracebacks
from govservice.setup.homes import ensure_desk_homes
from govservice.setup.workflows import keep_changed, restore_kept

ROLES = {
	"GS Administrator": 1,
	"GS Supervisor": 1,
	"GS Agent": 1,
	"GS Window Officer": 1,
	"GS Portal User": 0,
	"GS Supervisory Officer": 1,
	"GS Department Contact": 1,
	"GS Hotline Seat": 1,
	"GS Hotline Platform": 1,
}


def after_install() -> None:
	ensure_roles()
	ensure_workflow_masters()
	ensure_settings()
	ensure_calendar()
	ensure_custom_permissions()
	ensure_desk_homes()
	ensure_portal()
	ensure_inspection_templates()
	hide_error_tracebacks()


def before_migrate() -> None:
	ensure_workflow_masters()
	keep_changed()  # an administrator's workflow survives the fixtures' import


def after_migrate() -> None:
	restore_kept()
	ensure_roles()
	ensure_settings()
	ensure_calendar()
	ensure_custom_permissions()
	ensure_desk_homes()
	ensure_portal()
	ensure_inspection_templates()


def ensure_inspection_templates() -> None:
	"""The supervision's standard records, created once: the inspection checklist and the indicators of
	the townships' quarterly assessment."""
	from govservice.supervision.assessments import ensure_assessment_indicators
	from govservice.supervision.inspections import ensure_inspection_templates as ensure

	ensure()
	ensure_assessment_indicators()


def ensure_portal() -> None:
	"""The portal site (its name, no e-mail sign-up, log-in by mobile number) and the applicant
	notifications an administrator may then edit (created once, never overwritten)."""
	from govservice.citizen_portal.notifications import (
		ensure_applicant_notifications,
		ensure_message_kind_field,
	)
	from govservice.citizen_portal.site import apply_portal_site

	apply_portal_site()
	from govservice.supervision.notifications import ensure_alert_notifications

	ensure_message_kind_field()
	ensure_applicant_notifications()
	ensure_alert_notifications()
	from govservice.service_hall.notifications import ensure_appointment_notifications

	ensure_appointment_notifications()
	ensure_message_kind_field()  # the records just created


def ensure_settings() -> None:
	"""Store the default of every GS Settings field that has never been saved (new installs, and fields
	added by a later version), leaving what administrators set alone."""
	stored = set(frappe.db.sql_list("select field from `tabSingles` where doctype = 'GS Settings'"))
	settings = frappe.get_single("GS Settings")
	changed = False
	for field in settings.meta.fields:
		if field.default and field.fieldname not in stored:
			settings.set(
				field.fieldname, cint(field.default) if field.fieldtype in ("Int", "Check") else field.default
			)
			changed = True
	if changed:
		settings.save(ignore_permissions=True)  # install-time defaults


def ensure_workflow_masters() -> None:
	"""Workflow states and actions must exist before the workflow fixture links to them.

	Frappe imports fixture files in directory order, so the masters are created here first, from the
	same fixture files.
	"""
	import json
	from pathlib import Path

	fixtures = Path(frappe.get_app_path("govservice", "fixtures"))
	for filename, doctype in (
		("workflow_state.json", "Workflow State"),
		("workflow_action_master.json", "Workflow Action Master"),
	):
		for record in json.loads((fixtures / filename).read_text()):
			if not frappe.db.exists(doctype, record["name"]):
				frappe.get_doc({key: value for key, value in record.items() if key != "modified"}).insert(
					ignore_permissions=True  # install-time master data
				)


def before_tests() -> None:
	"""Tests run on a site set up as a county would set it up: China, CNY, Asia/Shanghai."""
	from govservice.setup.site import complete_setup_wizard, set_china_formats

	complete_setup_wizard()
	set_china_formats()
	ensure_roles()
	ensure_calendar()
	ensure_custom_permissions()
	frappe.db.commit()  # tests start from this committed state


def ensure_roles() -> None:
	"""The app's roles (also shipped as fixtures, which sync only after after_install)."""
	for role, desk_access in ROLES.items():
		if not frappe.db.exists("Role", role):
			frappe.get_doc({"doctype": "Role", "role_name": role, "desk_access": desk_access}).insert(
				ignore_permissions=True  # install-time default record
			)


def ensure_calendar() -> None:
	"""China's working-day calendar for this year and next."""
	from govservice.organisation.calendar import name_calendars_in_site_language
	from govservice.organisation.doctype.gs_calendar_year.gs_calendar_year import ensure_calendar_years

	year = getdate().year
	ensure_calendar_years([year, year + 1])
	# made at install in English, before the setup wizard set the site's language
	if name_calendars_in_site_language():
		for name in frappe.get_all("GS Calendar Year", pluck="name"):
			frappe.get_doc("GS Calendar Year", name).generate()  # holidays named in the site's language too


# Every desk role of the app picks departments (an item's serving department, a complaint's department, a
# joint case's tasks) and reads the ledgers by department: ERPNext gives Department to HR and accounts only.
DEPARTMENT_READERS = (
	"GS Administrator",
	"GS Supervisor",
	"GS Agent",
	"GS Window Officer",
	"GS Supervisory Officer",
	"GS Department Contact",
)
# The county's administrators change workflows (states, actions), notifications and assignment rules in the
# desk, without code and without being system managers.
ADMINISTRATOR_DOCTYPES = (
	"Workflow",
	"Workflow State",
	"Workflow Action Master",
	"Notification",
	"Assignment Rule",
	"Auto Email Report",
)
FULL_ACCESS = ("read", "write", "create", "delete", "select", "report", "export", "print")


def ensure_custom_permissions() -> None:
	"""Custom DocPerm rows (visible and changeable in Role Permissions Manager): read on ERPNext's
	Department for the app's desk roles, and the configuration DocTypes for GS Administrator."""
	grant("Department", DEPARTMENT_READERS, ("read", "select"))
	for doctype in ADMINISTRATOR_DOCTYPES:
		grant(doctype, ("GS Administrator",), FULL_ACCESS)
	grant("Role", ("GS Administrator",), ("read", "select"))  # who may take a workflow action
	show_department_names()
	translate_names()


# Records picked by their translated names: print formats (委托代办协议书) and workflow actions (受理), typed
# or listed in the user's language (Frappe's translated DocTypes translate link values and search them).
TRANSLATED_DOCTYPES = ("Print Format", "Workflow Action Master")


def translate_names() -> None:
	from frappe.custom.doctype.property_setter.property_setter import make_property_setter

	for doctype in TRANSLATED_DOCTYPES:
		if not frappe.get_meta(doctype).translated_doctype:
			make_property_setter(
				doctype,
				None,
				"translated_doctype",
				1,
				"Check",
				for_doctype=True,
				validate_fields_for_doctype=False,
			)


def show_department_names() -> None:
	"""Department links show 县民政局, not ERPNext's name with the company suffix (县民政局 - GSC)."""
	from frappe.custom.doctype.property_setter.property_setter import make_property_setter

	if not frappe.db.exists("DocType", "Department"):
		return
	meta = frappe.get_meta("Department")
	for prop, value, kind in (
		("title_field", "department_name", "Data"),
		("show_title_field_in_link", 1, "Check"),
		("search_fields", "department_name", "Data"),
	):
		if str(meta.get(prop) or "") != str(value):
			make_property_setter(
				"Department", None, prop, value, kind, for_doctype=True, validate_fields_for_doctype=False
			)


def grant(doctype: str, roles: tuple[str, ...], ptypes: tuple[str, ...]) -> None:
	from frappe.permissions import add_permission, update_permission_property

	if not frappe.db.exists("DocType", doctype):
		return
	for role in roles:
		if not frappe.db.exists("Role", role):
			continue
		if frappe.db.exists("Custom DocPerm", {"parent": doctype, "role": role, "permlevel": 0}):
			continue
		add_permission(doctype, role, 0)
		for ptype in ptypes:
			if ptype != "read":
				update_permission_property(doctype, role, 0, ptype, 1, validate=False)
	frappe.clear_cache(doctype=doctype)
