"""预约's texts: booked (with the check-in code), reminded the day before, cancelled. Ordinary Notification
records (SMS channel, each with the message kind a carrier's approved template is mapped to), created once
and then the administrators' to reword or switch off in the desk; switched off until the site can send
texts, like the applicant texts."""

import frappe

from govservice.citizen_portal.notifications import PORTAL, sms_configured

MOBILE = " and (doc.mobile or '').startswith('1')"
WHEN = "{{ gs_date(doc.appointment_date, 'zh') }} {{ doc.slot_start }}—{{ doc.slot_end }}"
CENTRE = "{{ doc.centre_title or doc.service_centre }}"
# (name, event, field whose change triggers, condition, kind, text)
TEXTS = (
	(
		"预约短信：预约成功",
		"New",
		None,
		"doc.status == 'Booked'",
		"Appointment Booked",
		"【"
		+ PORTAL
		+ "】{{ doc.applicant_name }}您好，您已预约"
		+ CENTRE
		+ "“{{ doc.category }}”，时间"
		+ WHEN
		+ "。签到码{{ doc.check_in_code }}，请按时到大厅取号机签到。",
	),
	(
		"预约短信：前一日提醒",
		"Days Before",
		None,
		"doc.status == 'Booked'",
		"Appointment Reminder",
		"【"
		+ PORTAL
		+ "】{{ doc.applicant_name }}您好，提醒您明天"
		+ WHEN
		+ "在"
		+ CENTRE
		+ "办理“{{ doc.category }}”，签到码{{ doc.check_in_code }}。不能前来请在门户取消预约。",
	),
	(
		"预约短信：已取消",
		"Value Change",
		"status",
		"doc.status == 'Cancelled'",
		"Appointment Cancelled",
		"【" + PORTAL + "】{{ doc.applicant_name }}您好，您" + WHEN + "在" + CENTRE + "的预约已取消。",
	),
)
TEXT_NAMES = tuple(name for name, *_rest in TEXTS)


def appointment_notifications() -> list[dict]:
	return [
		{
			"doctype": "Notification",
			"name": name,
			"subject": name,
			"document_type": "GS Appointment",
			"event": event,
			"value_changed": field,
			"date_changed": "appointment_date" if event == "Days Before" else None,
			"days_in_advance": 1 if event == "Days Before" else 0,
			"condition": condition + MOBILE,
			"channel": "SMS",
			"gs_message_kind": kind,
			"message": text,
			"recipients": [{"receiver_by_document_field": "mobile"}],
			"enabled": 1 if sms_configured() else 0,
		}
		for name, event, field, condition, kind, text in TEXTS
	]


def ensure_appointment_notifications() -> None:
	"""Create the texts once; never change, re-enable or bring back one an administrator edited, turned off
	or deleted."""
	if frappe.db.get_single_value("GS Settings", "hall_texts_created"):
		return
	for record in appointment_notifications():
		if not frappe.db.exists("Notification", record["name"]):
			frappe.get_doc(record).insert(ignore_permissions=True)  # install-time default records
	frappe.db.set_single_value("GS Settings", "hall_texts_created", 1)
