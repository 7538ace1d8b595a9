"""Where each role lands in the desk, and the ERPNext modules staff never use kept out of their sidebar."""

import frappe

# first matching role wins
HOMES = (
	("GS Administrator", "Government Service"),
	("GS Agent", "My Work"),
	("GS Window Officer", "My Work"),
	("GS Supervisor", "My Work"),
	("GS Supervisory Officer", "Complaint Window"),
	("GS Department Contact", "Complaint Window"),
	("GS Hotline Seat", "Service Hall"),
)
STAFF_PROFILE = "GS Staff"
# Modules of ERPNext and Frappe a county's clerks never open (administrators keep everything).
BLOCKED_FOR_STAFF = (
	"Accounts",
	"Assets",
	"Automation",
	"Bulk Transaction",
	"Buying",
	"Communication",
	"CRM",
	"EDI",
	"ERPNext Integrations",
	"Integrations",
	"Maintenance",
	"Manufacturing",
	"Portal",
	"Projects",
	"Quality Management",
	"Regional",
	"Selling",
	"Social",
	"Stock",
	"Subcontracting",
	"Support",
	"Telephony",
	"Utilities",
	"Website",
)
# Workspaces of the framework and ERPNext in modules that cannot be blocked (Core, Setup): hidden from the
# sidebar of everyone but workspace managers.
HIDDEN_WORKSPACES = ("Home", "Users", "ERPNext Settings")


def ensure_desk_homes() -> None:
	"""The staff module profile and the hidden generic workspaces (idempotent; after install and migrate)."""
	modules = [m for m in BLOCKED_FOR_STAFF if frappe.db.exists("Module Def", m)]
	if not frappe.db.exists("Module Profile", STAFF_PROFILE):
		frappe.get_doc(
			{
				"doctype": "Module Profile",
				"module_profile_name": STAFF_PROFILE,
				"block_modules": [{"module": m} for m in modules],
			}
		).insert(ignore_permissions=True)  # install-time default record
	for name in HIDDEN_WORKSPACES:
		if frappe.db.exists("Workspace", name):
			frappe.db.set_value("Workspace", name, "is_hidden", 1, update_modified=False)
	staff = frappe.get_all(
		"Has Role",
		filters={"parenttype": "User", "role": ["in", [role for role, _home in HOMES]]},
		pluck="parent",
		distinct=True,
	)
	for user in staff:
		set_home(frappe.get_doc("User", user))


def home_of(roles: set[str]) -> str | None:
	return next((home for role, home in HOMES if role in roles), None)


def set_home(doc, method: str | None = None) -> None:
	"""User `on_update`: a staff account with an app role and no home lands on its role's workspace, and
	(unless an administrator) gets the staff module profile."""
	if doc.user_type != "System User" or doc.name in ("Administrator", "Guest"):
		return
	roles = {row.role for row in doc.roles}
	home = home_of(roles)
	if not home:
		return
	if not doc.default_workspace and frappe.db.exists("Workspace", home):
		frappe.db.set_value("User", doc.name, "default_workspace", home, update_modified=False)
	if (
		not doc.module_profile
		and not roles & {"GS Administrator", "System Manager"}
		and frappe.db.exists("Module Profile", STAFF_PROFILE)
	):
		frappe.db.set_value("User", doc.name, "module_profile", STAFF_PROFILE, update_modified=False)
		existing = {row.module for row in doc.block_modules}
		for row in frappe.get_doc("Module Profile", STAFF_PROFILE).block_modules:
			if row.module not in existing:
				frappe.get_doc(
					{
						"doctype": "Block Module",
						"parent": doc.name,
						"parenttype": "User",
						"parentfield": "block_modules",
						"module": row.module,
					}
				).db_insert()
	frappe.clear_cache(user=doc.name)
