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

# Permissions: complaints are seen by the window, the supervisory department, the department they were
# dispatched to and their reporter
permission_query_conditions = {"GS Complaint": "govservice.complaints.permissions.complaint_query"}
has_permission = {"GS Complaint": "govservice.complaints.permissions.has_complaint_permission"}

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
