app_name = "govservice"
app_title = "Government Service"
app_publisher = "govservice developers"
app_description = (
	"County government-service network: proxy handling, one-window acceptance, complaints, ratings"
)
app_email = "govservice@example.com"
app_license = "mit"
required_apps = ["frappe/erpnext"]

# Typed controllers and typed whitelisted methods
export_python_type_annotations = True
require_type_annotated_api_methods = True

# Desk assets
app_include_js = "govservice.bundle.js"

# Jinja helpers for print formats
jinja = {"methods": ["govservice.domain.identity.mask_resident_id"]}

# Portal: citizens and enterprises (role GS Portal User, no desk access)
website_route_rules = [
	{"from_route": "/services/<item_code>", "to_route": "services/item"},
	{"from_route": "/my-requests", "to_route": "my_requests"},
	{"from_route": "/my-requests/<case_name>", "to_route": "my_requests/request"},
]
standard_portal_menu_items = [
	{"title": "My Requests", "route": "/my-requests", "role": "GS Portal User"},
	{"title": "Service Catalogue", "route": "/services", "role": "GS Portal User"},
	{"title": "Report a Problem", "route": "/report-complaint", "role": "GS Portal User"},
]
role_home_page = {"GS Portal User": "my-requests"}
has_website_permission = {
	"GS Case": "govservice.citizen_portal.permissions.has_website_permission",
	"GS Complaint": "govservice.citizen_portal.permissions.has_website_permission",
}

# Permissions: complaints are seen by the window, the supervisory department, the department they were
# dispatched to and their reporter; a portal user sees only their own cases, ratings, files and profile
permission_query_conditions = {
	"GS Complaint": "govservice.complaints.permissions.complaint_query",
	"GS Case": "govservice.citizen_portal.permissions.case_query",
	"GS One-Time Notice": "govservice.citizen_portal.permissions.notice_query",
	"GS Rating": "govservice.citizen_portal.permissions.rating_query",
	"GS Rectification": "govservice.citizen_portal.permissions.rectification_query",
	"GS Portal Profile": "govservice.citizen_portal.permissions.profile_query",
}
has_permission = {
	"GS Complaint": "govservice.complaints.permissions.has_complaint_permission",
	"GS Case": "govservice.citizen_portal.permissions.has_case_permission",
	"GS One-Time Notice": "govservice.citizen_portal.permissions.has_notice_permission",
	"GS Rating": "govservice.citizen_portal.permissions.has_rating_permission",
	"GS Rectification": "govservice.citizen_portal.permissions.has_rectification_permission",
	"GS Portal Profile": "govservice.citizen_portal.permissions.has_profile_permission",
	"File": "govservice.citizen_portal.permissions.has_file_permission",
}

# Events
doc_events = {
	"Holiday List": {
		"on_update": "govservice.organisation.calendar.on_holiday_list_update",
	},
}

# Scheduler: cron at office hours (daily jobs would fire at midnight); jobs skip non-working days
scheduler_events = {
	"cron": {
		"30 8 * * *": [
			"govservice.casework.reminders.send_case_reminders",
			"govservice.complaints.escalation.escalate_stalled_complaints",
		],
	},
}

# Fixtures: the app's roles and the case workflow, filtered by name (administrators may change the workflow)
CASE_STATES = [
	"Registered",
	"Awaiting Materials",
	"Accepted",
	"In Progress",
	"Completed",
	"Archived",
	"Not Accepted",
	"Terminated",
]
CASE_ACTIONS = [
	"Accept",
	"Complete",
	"Hand Over and Archive",
	"Materials Supplied",
	"Reject",
	"Request Materials",
	"Start Handling",
	"Terminate",
]
fixtures = [
	{"dt": "Workflow State", "filters": [["name", "in", CASE_STATES]]},
	{"dt": "Workflow Action Master", "filters": [["name", "in", CASE_ACTIONS]]},
	{"dt": "Workflow", "filters": [["name", "in", ["GS Case"]]]},
	{
		"dt": "Role",
		"filters": [
			[
				"role_name",
				"in",
				["GS Administrator", "GS Supervisor", "GS Agent", "GS Window Officer", "GS Portal User"],
			]
		],
	},
]

# Install, migrate, tests
after_install = "govservice.setup.install.after_install"
before_migrate = "govservice.setup.install.before_migrate"
after_migrate = "govservice.setup.install.after_migrate"
before_tests = "govservice.setup.install.before_tests"
