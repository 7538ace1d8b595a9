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

# Desk assets and start-up data (the working-day calendar for lists and forms)
app_include_js = "govservice.bundle.js"
app_include_css = ["/assets/govservice/css/desk.css"]
boot_session = "govservice.boot.boot_session"

# Jinja helpers for print formats and portal pages; every PDF goes through the app's WeasyPrint renderer
jinja = {
	"methods": [
		"govservice.domain.identity.mask_resident_id",
		"govservice.printing.jinja.gs_rich_text",
		"govservice.printing.jinja.gs_date",
		"govservice.printing.jinja.gs_clause",
		"govservice.printing.jinja.gs_notice_materials",
		"govservice.printing.jinja.gs_department",
		"govservice.printing.jinja.gs_centre",
		"govservice.domain.outreach_rules.mask_name",
		"govservice.village_outreach.printing.gs_contact_card",
	]
}
pdf_generator = "govservice.printing.render.pdf_generator"

# Portal: citizens and enterprises (role GS Portal User, no desk access)
website_route_rules = [
	{"from_route": "/services/<item_code>", "to_route": "services/item"},
	{"from_route": "/my-requests", "to_route": "my_requests"},
	{"from_route": "/my-requests/<case_name>", "to_route": "my_requests/request"},
	{"from_route": "/my-projects/<project_name>", "to_route": "my_projects/project"},
]
standard_portal_menu_items = [
	{"title": "My Requests", "route": "/my-requests", "role": "GS Portal User"},
	{"title": "Service Catalogue", "route": "/services", "role": "GS Portal User"},
	{"title": "Report a Problem", "route": "/report-complaint/new", "role": "GS Portal User"},
	{"title": "My Account", "route": "/my-account", "role": "GS Portal User"},
]
# The site's root is the portal home for everyone; the county's name, footer and the citizen's menu come
# from GS Settings (govservice.citizen_portal.site)
home_page = "home"
update_website_context = ["govservice.citizen_portal.site.portal_site_context"]
web_include_css = ["/assets/govservice/css/portal.css"]
# /my-projects alone: an enterprise's projects are listed with its requests
website_redirects = [
	{"source": "/me", "target": "/my-account"},
	{"source": "/my-projects", "target": "/my-requests"},
]
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
	"GS Portal Profile": "govservice.security.queries.profile_query",
	# key projects: the handling centre's scope, the agency team and the approving departments
	"GS Key Project": "govservice.key_projects.permissions.project_query",
}
# Child tables follow their parent's scope; files of app records and citizens' accounts are seen only
# through the records that hold them (govservice.security.queries)
CHILD_DOCTYPES = (
	"GS Visit Need",
	"GS Collection Request",
	"GS Project Team Member",
	"GS Project Stage",
	"GS Project Approval",
	"GS Project Plan Change",
	"GS Project Material",
	"GS Project Approval Pause",
	"GS Project Deferred Material",
	"GS Plan Template Stage",
	"GS Plan Template Item",
	"GS Case Material",
	"GS Case Pause",
	"GS Case Task",
	"GS Case Consultation",
	"GS Notice Material",
	"GS Duty Roster Entry",
	"GS Service Window",
	"GS Agent Liaison",
	"GS Item Material",
	"GS Item Process Step",
	"GS Legal Basis",
	"GS Calendar Adjustment",
	"GS Performance Row",
	"GS Meeting Agenda Item",
	"GS Meeting Attendance",
	"GS Meeting Decision",
	"GS Inspection Template Item",
	"GS Inspection Result",
	"GS Hall Category Item",
	"GS Hall Category Window",
	"GS Back Office Material",
	"GS Inspection Finding",
	"GS Assessment Ranking",
	"GS Assessment Line",
	"GS Stationed Staff Score",
)
permission_query_conditions.update(
	{doctype: "govservice.security.queries.child_query" for doctype in CHILD_DOCTYPES}
)
permission_query_conditions["File"] = "govservice.security.queries.file_query"
# a staff account without a centre reads no centre-scoped record (govservice.security.scope)
CENTRE_SCOPED = (
	"GS Case",
	"GS One-Time Notice",
	"GS Work Log",
	"GS Case Reminder",
	"GS Project Reminder",
	"GS Rating",
	"GS Rectification",
	"GS Special Group Member",
	"GS Special Group Visit",
	"GS Collection Sheet",
	"GS Performance Report",
	"GS Inspection",
	"GS Evaluation Result",
	"GS Questionnaire Response",
	"GS Window Session",
	"GS Queue Ticket",
	"GS Appointment",
	"GS Result Handover",
	"GS Work Order",
)
# 三亮三评: an agent reads their own result (supervisors their centres', by the scope below); a colleague's
# score only its rater (govservice.supervision.evaluations)
permission_query_conditions["GS Evaluation Result"] = "govservice.supervision.evaluations.result_query"
permission_query_conditions["GS Peer Rating"] = "govservice.supervision.evaluations.peer_query"
for _doctype in CENTRE_SCOPED:
	_query = permission_query_conditions.get(_doctype)
	permission_query_conditions[_doctype] = [
		*([_query] if _query else []),
		"govservice.security.scope.centre_scope_query",
	]
permission_query_conditions["User"] = "govservice.security.queries.user_query"
# 监察预警: the supervisory department, the centre's supervisor, the person it names
permission_query_conditions["GS Supervision Alert"] = "govservice.supervision.permissions.alert_query"
# 按责转办: the front centre's scope, the department's own, the supervisory department all
permission_query_conditions["GS Back Office Task"] = "govservice.service_hall.back_office.task_query"
# the history of an app record lists only to readers of all its levels (govservice.security.history)
permission_query_conditions["Version"] = "govservice.security.history.version_query"
# an emailed report runs as the user it names: each person reads and edits only their own
permission_query_conditions["Auto Email Report"] = "govservice.security.auto_email.subscription_query"

has_permission = {
	"GS Complaint": "govservice.complaints.permissions.has_complaint_permission",
	"GS Case": "govservice.citizen_portal.permissions.has_case_permission",
	"GS One-Time Notice": "govservice.citizen_portal.permissions.has_notice_permission",
	"GS Rating": "govservice.citizen_portal.permissions.has_rating_permission",
	"GS Rectification": "govservice.citizen_portal.permissions.has_rectification_permission",
	"GS Portal Profile": "govservice.security.queries.has_profile_permission",
	"File": "govservice.security.queries.has_file_permission",
	"User": "govservice.security.queries.has_user_permission",
	"GS Key Project": "govservice.key_projects.permissions.has_project_permission",
	"Version": "govservice.security.history.has_version_permission",
	"GS Supervision Alert": "govservice.supervision.permissions.has_alert_permission",
	"GS Back Office Task": "govservice.service_hall.back_office.has_task_permission",
	"GS Evaluation Result": "govservice.supervision.evaluations.has_result_permission",
	"GS Peer Rating": "govservice.supervision.evaluations.has_peer_permission",
	"Auto Email Report": "govservice.security.auto_email.has_subscription_permission",
}
for _doctype in CENTRE_SCOPED:
	_check = has_permission.get(_doctype)
	has_permission[_doctype] = [*([_check] if _check else []), "govservice.security.scope.has_centre_scope"]

# Frappe endpoints that skip row-level permissions, wrapped with their signatures (govservice.security)
override_whitelisted_methods = {
	"frappe.client.get_count": "govservice.security.endpoints.get_count",
	"frappe.client.get": "govservice.security.endpoints.client_get",
	"frappe.desk.listview.get_group_by_count": "govservice.security.endpoints.get_group_by_count",
	"frappe.desk.like.toggle_like": "govservice.security.endpoints.toggle_like",
	"frappe.desk.doctype.tag.tag.add_tag": "govservice.security.endpoints.add_tag",
	"frappe.desk.doctype.tag.tag.add_tags": "govservice.security.endpoints.add_tags",
	"frappe.desk.doctype.tag.tag.remove_tag": "govservice.security.endpoints.remove_tag",
	"frappe.desk.form.assign_to.add": "govservice.security.endpoints.add_assignment",
	"frappe.desk.form.assign_to.add_multiple": "govservice.security.endpoints.add_assignments",
	"frappe.client.validate_link": "govservice.security.endpoints.validate_link",
	"run_doc_method": "govservice.security.endpoints.run_doc_method",
	"runserverobj": "govservice.security.endpoints.run_doc_method",
	"frappe.handler.run_doc_method": "govservice.security.endpoints.run_doc_method",
	"frappe.handler.runserverobj": "govservice.security.endpoints.run_doc_method",
	"frappe.utils.print_format.report_to_pdf": "govservice.security.endpoints.report_to_pdf",
	"frappe.utils.print_format.download_pdf": "govservice.security.endpoints.download_pdf",
	"frappe.utils.print_format.download_multi_pdf": "govservice.security.endpoints.download_multi_pdf",
	"frappe.utils.print_format.download_multi_pdf_async": (
		"govservice.security.endpoints.download_multi_pdf_async"
	),
	"frappe.website.doctype.web_form.web_form.accept": "govservice.security.endpoints.accept_web_form",
	"frappe.core.doctype.sms_settings.sms_settings.send_sms": "govservice.security.endpoints.send_sms",
	# every PDF is WeasyPrint's: the print view must not report wkhtmltopdf missing
	"frappe.utils.pdf.is_wkhtmltopdf_valid": "govservice.security.endpoints.pdf_renderer_ready",
	# the same answer for every account name
	"frappe.core.doctype.user.user.reset_password": "govservice.security.endpoints.reset_password",
	# a record's history without the fields above the reader's levels; the app's records are not followed
	"frappe.desk.form.load.getdoc": "govservice.security.history.getdoc",
	"frappe.desk.form.load.get_docinfo": "govservice.security.history.get_docinfo",
	"frappe.desk.form.document_follow.update_follow": "govservice.security.history.update_follow",
	"frappe.desk.form.document_follow.follow_document": "govservice.security.history.follow_document",
}
before_request = ["govservice.security.requests.before_request", "govservice.setup.replica.route_reads"]
# a request authenticated by an API key or a token is checked again as its user (Frappe authenticates it
# after before_request)
auth_hooks = ["govservice.security.requests.after_token_auth"]
# background jobs too read from the replica only while it is current (govservice.setup.replica)
before_job = ["govservice.setup.replica.route_reads"]
# a Content-Security-Policy on every answer (govservice.security.headers)
after_request = ["govservice.security.headers.add_security_headers"]
# SMS notifications go out without a "sent" dialog for the clerk whose action triggered them
# and an emailed report runs as the user it names, through their scope (govservice.security.auto_email)
override_doctype_class = {
	"Notification": "govservice.citizen_portal.notification.QuietSMSNotification",
	"Auto Email Report": "govservice.security.auto_email.ScopedAutoEmailReport",
}

# Events
# A save is checked against the stored record too (govservice.security.writes); files attached to app
# records meet the upload rules whoever uploads them
APP_DOCTYPES = (
	"GS Case",
	"GS Case Reminder",
	"GS Project Reminder",
	"GS One-Time Notice",
	"GS Settings",
	"GS Work Log",
	"GS Service Item",
	"GS Portal Profile",
	"GS Rating",
	"GS Rectification",
	"GS Complaint",
	"GS Agent",
	"GS Calendar Year",
	"GS Department Liaison",
	"GS Duty Roster",
	"GS Service Centre",
	"GS Project Plan Template",
	"GS Supervision Alert",
	"GS Performance Report",
	"GS Joint Meeting",
	"GS Inspection",
	"GS Inspection Template",
	"GS Evaluation Round",
	"GS Evaluation Result",
	"GS Peer Rating",
	"GS Assessment Indicator",
	"GS Questionnaire Response",
	"GS Township Assessment",
	"GS Hall Category",
	"GS Appointment Slot",
	"GS Hotline Platform",
	*CHILD_DOCTYPES,
)
NEVER_DELETED = (
	"GS Work Log",
	"GS One-Time Notice",
	"GS Rating",
	"GS Rectification",
	"GS Complaint",
	"GS Key Project",
	"GS Special Group Member",
	"GS Special Group Visit",
	"GS Collection Sheet",
	"GS Supervision Alert",
	"GS Performance Report",
	"GS Joint Meeting",
	"GS Inspection",
	"GS Evaluation Round",
	"GS Evaluation Result",
	"GS Peer Rating",
	"GS Questionnaire Response",
	"GS Township Assessment",
	"GS Window Session",
	"GS Queue Ticket",
	"GS Appointment",
	"GS Result Handover",
	"GS Work Order",
	"GS Back Office Task",
)
# every app record: its save is checked (govservice.security.writes); ledgers are never deleted; a scoped
# record carries its township and county, the scope's indexed columns (govservice.security.scope)
doc_events: dict[str, dict[str, str]] = {}
for _doctype in (*APP_DOCTYPES, *NEVER_DELETED, *CENTRE_SCOPED):
	doc_events.setdefault(_doctype, {})["before_validate"] = "govservice.security.writes.check_save"
for _doctype in NEVER_DELETED:
	doc_events[_doctype]["on_trash"] = "govservice.security.writes.refuse_delete"
for _doctype in (*CENTRE_SCOPED, "GS Back Office Task"):
	doc_events[_doctype]["validate"] = "govservice.security.scope.set_scope_centres"
# a case opened from a collection sheet or a visit shows its state there; a 12345 work order follows its
# case or complaint (govservice.service_hall.hotline)
doc_events["GS Case"]["on_update"] = [
	"govservice.village_outreach.cases.follow_case",
	"govservice.service_hall.hotline.follow_case",
]
doc_events.setdefault("GS Complaint", {})["on_update"] = "govservice.service_hall.hotline.follow_complaint"
doc_events["GS Service Centre"].update(
	on_update="govservice.security.scope.on_centre_update",
	on_trash="govservice.security.scope.forget_centre_tree",
)
# what people type is made safe once for every app record: canonical identifiers, plain text
# (govservice.security.inputs)
doc_events["*"] = {"before_validate": "govservice.security.inputs.clean_inputs"}
doc_events |= {
	"Document Follow": {"after_insert": "govservice.security.history.forget_follow"},
	"Comment": {"validate": "govservice.security.inputs.clean_comment"},
	"File": {
		"before_insert": "govservice.security.files.check_new_file",
		"validate": "govservice.security.files.check_file_update",
	},
	"ToDo": {"validate": "govservice.security.endpoints.check_todo"},
	"SMS Settings": {"on_update": "govservice.citizen_portal.notifications.on_sms_settings_update"},
	"User": {"on_update": "govservice.setup.homes.set_home"},
	"Holiday List": {
		"on_update": "govservice.organisation.calendar.on_holiday_list_update",
	},
}

# Scheduler: cron at office hours (daily jobs would fire at midnight); jobs skip non-working days
scheduler_events = {
	"hourly": [
		"govservice.setup.health.tell_administrators",
		# 预约: a booked appointment whose slot ended without check-in is a no-show
		"govservice.service_hall.appointments.mark_no_shows",
	],
	# 办事大厅: the day's queue closes after midnight
	"daily": ["govservice.service_hall.calling.close_the_day"],
	"cron": {
		"30 8 * * *": [
			"govservice.casework.reminders.send_case_reminders",
			"govservice.key_projects.reminders.send_project_reminders",
			"govservice.complaints.escalation.escalate_stalled_complaints",
			"govservice.organisation.rosters.keep_rosters",
			"govservice.village_outreach.reminders.send_visit_reminders",
			"govservice.supervision.meetings.remind_decisions",
		],
		# 电子监察: after the morning reminders, the day's supervision alerts
		"45 8 * * *": ["govservice.supervision.alerts.issue_alerts"],
		# 绩效评估: on the first working day of a month, the month before's figures (drafts to publish)
		"0 9 * * *": ["govservice.supervision.performance.monthly_run"],
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
				[
					"GS Administrator",
					"GS Supervisor",
					"GS Agent",
					"GS Window Officer",
					"GS Portal User",
					"GS Hotline Seat",
					"GS Hotline Platform",
				],
			]
		],
	},
]

# Install, migrate, tests
after_install = "govservice.setup.install.after_install"
before_migrate = "govservice.setup.install.before_migrate"
after_migrate = "govservice.setup.install.after_migrate"
before_tests = "govservice.setup.install.before_tests"
