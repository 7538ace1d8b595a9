"""The app's DocTypes and the fields that decide who sees their records."""

import frappe

APP_MODULES = (
	"Catalogue",
	"Organisation",
	"Casework",
	"Complaints",
	"Citizen Portal",
	"Key Projects",
	"Village Outreach",
	"Supervision",
	"Service Hall",
)

# Roles that may correct any record of the app by a plain save (the county's administrators).
ADMIN_ROLES = frozenset(("System Manager", "GS Administrator"))

# Fields that decide who sees a record. After insert they change only through the app's actions (transfer,
# dispatch, escalation…), which check their own rules and save with `flags.ignore_permissions`.
SCOPE_FIELDS: dict[str, tuple[str, ...]] = {
	"GS Case": ("service_centre", "portal_user", "agent"),
	"GS Complaint": ("portal_user", "department"),
	"GS One-Time Notice": ("gs_case", "service_centre"),
	"GS Rating": ("gs_case", "key_project", "rated_by", "service_centre"),
	"GS Rectification": ("gs_case", "service_centre", "assigned_to"),
	"GS Work Log": ("gs_case", "service_centre", "agent", "user"),
	"GS Portal Profile": ("user",),
	"GS Key Project": ("service_centre", "liaison_agent", "liaison_user", "owner_user"),
	"GS Special Group Member": ("service_centre",),
	"GS Special Group Visit": ("member", "service_centre"),
	"GS Collection Sheet": ("service_centre",),
	"GS Supervision Alert": ("service_centre", "responsible_user", "source_doctype", "source_name"),
	"GS Performance Report": ("service_centre", "status"),
	"GS Inspection": ("service_centre",),
	"GS Evaluation Result": ("round", "service_centre", "agent", "agent_user"),
	"GS Peer Rating": ("round", "rater", "agent"),
	"GS Questionnaire Response": ("service_centre",),
	"GS Window Session": ("service_centre", "officer"),
	"GS Queue Ticket": ("service_centre", "appointment", "gs_case"),
	"GS Appointment": ("service_centre", "portal_user"),
	"GS Result Handover": ("gs_case", "service_centre", "handling_centre"),
	"GS Work Order": ("service_centre", "platform", "gs_case", "gs_complaint"),
	"GS Back Office Task": ("gs_case", "service_centre", "department"),
}

# Set only by the app, never by a person's insert: who filed a request through the portal, and so on.
SYSTEM_FIELDS: dict[str, tuple[str, ...]] = {
	"GS Case": ("portal_user",),
	"GS Complaint": ("portal_user",),
	"GS Appointment": ("portal_user",),
}

# Fields a plain save may change although they decide scope, with the rule in the controller: a case's
# first-contact agent (a supervisor, with a reason, to an agent of the same centre), a complaint's
# department before it is dispatched (the window corrects its own registration) and a key project's
# portal account (an enterprise account with the project's credit code, set by the project's writers).
CONTROLLED_SCOPE_CHANGES: dict[str, tuple[str, ...]] = {
	"GS Case": ("agent",),
	"GS Complaint": ("department",),
	"GS Key Project": ("owner_user",),
}


def app_doctypes() -> frozenset[str]:
	"""Every DocType of the app, child tables included (cached per request)."""
	cached = getattr(frappe.local, "govservice_doctypes", None)
	if cached is None:
		cached = frozenset(frappe.get_all("DocType", filters={"module": ["in", APP_MODULES]}, pluck="name"))
		frappe.local.govservice_doctypes = cached
	return cached


def is_app_doctype(doctype: str | None) -> bool:
	return bool(doctype) and doctype in app_doctypes()


def is_admin(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(ADMIN_ROLES & set(frappe.get_roles(user)))
