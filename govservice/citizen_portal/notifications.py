"""Applicant notifications: what an applicant hears, by SMS and on the portal, when their request moves.

They are ordinary Notification records, created once at install and then the administrators' to edit in
the desk (wording, conditions, turning one off): each event has an SMS record (to the case's contact phone,
through SMS Settings) and a portal record (a system notification to the applicant's portal account, shown
under 我的申请). Their text is Chinese, as the county writes to its citizens.
"""

import frappe

PORTAL = "{{ frappe.db.get_single_value('GS Settings', 'portal_name') or '政务服务网' }}"
MOBILE = " and (doc.{field} or '').startswith('1')"

# (event key, DocType, field whose change triggers, condition, SMS text, portal subject)
EVENTS = (
	(
		"已受理",
		"GS Case",
		"stage",
		'doc.stage == "Accepted"',
		"【"
		+ PORTAL
		+ "】{{ doc.applicant_name }}您好，您的“{{ doc.item_name }}”申请已受理，编号{{ doc.name }}，"
		"承诺{{ gs_date(doc.deadline_date, 'zh') }}前办结。代办员{{ doc.agent_name }}。",
		"“{{ doc.item_name }}”已受理，承诺{{ gs_date(doc.deadline_date, 'zh') }}前办结",
	),
	(
		"一次性告知",
		"GS Case",
		"stage",
		'doc.stage == "Awaiting Materials"',
		"【"
		+ PORTAL
		+ "】{{ doc.applicant_name }}您好，您的“{{ doc.item_name }}”（{{ doc.name }}）需补齐材料："
		"{{ gs_notice_materials(doc.name) }}。请登录门户查看一次性告知书并上传，材料齐全后继续计时。",
		"“{{ doc.item_name }}”需补齐材料，请查看一次性告知书",
	),
	(
		"已办结",
		"GS Case",
		"stage",
		'doc.stage == "Completed"',
		"【" + PORTAL + "】{{ doc.applicant_name }}您好，您的“{{ doc.item_name }}”（{{ doc.name }}）已办结。"
		"欢迎登录门户对本次服务作出评价。",
		"“{{ doc.item_name }}”已办结，欢迎评价",
	),
	(
		"结果待领取或已寄出",
		"GS Case",
		"result_ready_on",
		"doc.result_ready_on",
		"【" + PORTAL + "】{{ doc.applicant_name }}您好，您的“{{ doc.item_name }}”（{{ doc.name }}）办理结果"
		"{% if doc.delivery_method == 'EMS' %}已通过EMS寄出，邮件号{{ doc.ems_tracking_number }}"
		"{% elif doc.delivery_method == 'Electronic Certificate' %}已以电子证照发放，请登录门户查看"
		"{% else %}已可领取，请携带身份证到办理窗口领取{% endif %}。",
		"“{{ doc.item_name }}”办理结果{{ '已寄出' if doc.delivery_method == 'EMS' else '已可领取' }}",
	),
	(
		"终止代办",
		"GS Case",
		"stage",
		'doc.stage == "Terminated"',
		"【"
		+ PORTAL
		+ "】{{ doc.applicant_name }}您好，您的“{{ doc.item_name }}”（{{ doc.name }}）代办已终止："
		"{{ gs_clause(doc.termination_reason) }}。如有疑问请联系代办员{{ doc.agent_name }}。",
		"“{{ doc.item_name }}”代办已终止",
	),
	(
		"不予受理",
		"GS Case",
		"stage",
		'doc.stage == "Not Accepted"',
		"【"
		+ PORTAL
		+ "】{{ doc.applicant_name }}您好，您的“{{ doc.item_name }}”（{{ doc.name }}）不予受理："
		"{{ gs_clause(doc.not_accepted_reason) }}。",
		"“{{ doc.item_name }}”不予受理",
	),
	(
		"整改结果",
		"GS Rectification",
		"status",
		'doc.status == "Completed"',
		"【" + PORTAL + "】您好，您对{{ doc.gs_case }}的评价已整改完成：{{ gs_clause(doc.outcome) }}。",
		"您的评价已整改完成",
	),
)
PHONE_FIELD = {"GS Case": "phone", "GS Rectification": "applicant_phone"}
# the message kind of each event's text: what a carrier's approved template is mapped to (GS SMS Settings)
KINDS = {
	"已受理": "Request Accepted",
	"一次性告知": "One-Time Notice",
	"已办结": "Request Completed",
	"结果待领取或已寄出": "Result Ready",
	"终止代办": "Request Terminated",
	"不予受理": "Not Accepted",
	"整改结果": "Rectification Done",
}


def applicant_notifications() -> list[dict]:
	"""The Notification records, as documents to insert."""
	return records_of(EVENTS)


def records_of(events) -> list[dict]:
	records = []
	for key, doctype, field, condition, sms, subject in events:
		phone = PHONE_FIELD[doctype]
		records.append(
			{
				"doctype": "Notification",
				"name": f"申请人短信：{key}",
				"subject": f"申请人短信：{key}",
				"document_type": doctype,
				"event": "Value Change",
				"value_changed": field,
				"condition": condition + MOBILE.format(field=phone),
				"channel": "SMS",
				"gs_message_kind": KINDS.get(key),
				"message": sms,
				"recipients": [{"receiver_by_document_field": phone}],
				"enabled": 1,
			}
		)
		records.append(
			{
				"doctype": "Notification",
				"name": f"申请人消息：{key}",
				"subject": subject,
				"document_type": doctype,
				"event": "Value Change",
				"value_changed": field,
				"condition": condition + " and doc.portal_user",
				"channel": "System Notification",
				"message": sms,
				"recipients": [{"receiver_by_document_field": "portal_user"}],
				"enabled": 1,
			}
		)
	return records


def refresh_default_texts(old_events) -> int:
	"""Give the applicant notifications the current default texts where they still read as an earlier
	default (an administrator's own wording is kept). Returns how many changed."""
	old = {record["name"]: record for record in records_of(old_events)}
	changed = 0
	for record in applicant_notifications():
		before = old.get(record["name"])
		if not before or not frappe.db.exists("Notification", record["name"]):
			continue
		stored = frappe.db.get_value("Notification", record["name"], ["subject", "message"], as_dict=True)
		updates = {
			field: record[field]
			for field in ("subject", "message")
			if stored[field] == before[field] and stored[field] != record[field]
		}
		if updates:
			frappe.db.set_value("Notification", record["name"], updates)
			changed += 1
	return changed


def sms_configured() -> bool:
	"""Texts can go out: a carrier is chosen (GS SMS Settings), or a gateway is saved in SMS Settings."""
	provider = frappe.db.get_single_value("GS SMS Settings", "provider")
	if provider and provider != "Generic HTTP Gateway":
		return True
	return bool(frappe.db.get_single_value("SMS Settings", "sms_gateway_url"))


def ensure_message_kind_field() -> None:
	"""An SMS notification names its message kind (GS SMS Settings map kinds to a carrier's approved
	templates): a field of Notification, set on the app's own records where it is still empty."""
	from frappe.custom.doctype.custom_field.custom_field import create_custom_field

	from govservice.domain.sms_kinds import MESSAGE_KINDS

	options = "\n" + "\n".join(MESSAGE_KINDS)
	field = frappe.db.get_value("Custom Field", {"dt": "Notification", "fieldname": "gs_message_kind"})
	if field and frappe.db.get_value("Custom Field", field, "options") != options:
		# a later version's kinds (the supervision alert's)
		frappe.db.set_value("Custom Field", field, "options", options)
		frappe.clear_cache(doctype="Notification")
	if not field:
		create_custom_field(
			"Notification",
			{
				"fieldname": "gs_message_kind",
				"label": "SMS Message Kind",
				"fieldtype": "Select",
				"options": "\n" + "\n".join(MESSAGE_KINDS),
				"insert_after": "channel",
				"depends_on": "eval:doc.channel=='SMS'",
				"description": "The approved template a carrier sends this text with (GS SMS Settings)",
			},
		)
	for key, kind in KINDS.items():
		name = f"申请人短信：{key}"
		if frappe.db.exists("Notification", name) and not frappe.db.get_value(
			"Notification", name, "gs_message_kind"
		):
			frappe.db.set_value("Notification", name, "gs_message_kind", kind, update_modified=False)


def ensure_applicant_notifications() -> None:
	"""Create the applicant notifications once; never change or re-enable one an administrator edited,
	disabled or deleted on purpose (a deleted one comes back only on a new site).

	Without an SMS gateway, Frappe would answer every staff action with "Please Update SMS Settings": the SMS
	records are created switched off and switched on when a gateway is saved in SMS Settings."""
	if frappe.db.get_single_value("GS Settings", "applicant_notifications_created"):
		return
	texts = sms_configured()
	for record in applicant_notifications():
		if not frappe.db.exists("Notification", record["name"]):
			if record["channel"] == "SMS":
				record["enabled"] = 1 if texts else 0
			frappe.get_doc(record).insert(ignore_permissions=True)  # install-time default records
	frappe.db.set_single_value(
		"GS Settings", {"applicant_notifications_created": 1, "applicant_texts_waiting": 0 if texts else 1}
	)


def on_sms_settings_update(doc, method: str | None = None) -> None:
	"""A gateway saved in SMS Settings switches on the applicant texts that waited for one (once)."""
	if doc.sms_gateway_url:
		switch_on_texts()


def switch_on_texts() -> None:
	"""The applicant texts that waited for a way to send them are switched on (once): a gateway saved in SMS
	Settings or a carrier chosen in GS SMS Settings."""
	if not frappe.db.get_single_value("GS Settings", "applicant_texts_waiting"):
		return
	from govservice.service_hall.notifications import TEXT_NAMES as HALL_TEXTS
	from govservice.supervision.notifications import TEXT_NAMES

	for name in [f"申请人短信：{key}" for key, *_rest in EVENTS] + list(TEXT_NAMES) + list(HALL_TEXTS):
		if frappe.db.exists("Notification", name):
			notification = frappe.get_doc("Notification", name)
			notification.enabled = 1
			notification.save(ignore_permissions=True)  # the app's own default records, once
	frappe.db.set_single_value("GS Settings", "applicant_texts_waiting", 0)
