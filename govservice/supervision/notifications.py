"""电子监察's texts: the responsible person named on a supervision alert hears of it by SMS when it is issued
and when it becomes a red card. Ordinary Notification records (SMS channel, the message kind *Supervision
Alert* whose approved template a carrier sends), created once and then the administrators' to edit in the
desk; switched off until the site can send texts, like the applicant texts."""

import frappe

from govservice.citizen_portal.notifications import PORTAL, sms_configured

MOBILE = " and (doc.responsible_phone or '').startswith('1')"
TEXT = (
	"【" + PORTAL + "】{{ doc.responsible_name or '' }}您好，{{ doc.subject }}已超过办理时限"
	"（{{ gs_date(doc.due_date, 'zh') }}），电子监察发出{{ '红牌' if doc.level == 'Red Card' else '黄牌预警' }}"
	"（{{ doc.name }}），请即办理并向监察部门说明情况。"
)
# (name, event, field whose change triggers, condition)
TEXTS = (
	("监察预警短信：发出", "New", None, "doc.responsible_phone"),
	("监察预警短信：升级红牌", "Value Change", "level", "doc.level == 'Red Card'"),
)
TEXT_NAMES = tuple(name for name, *_rest in TEXTS)


def alert_notifications() -> list[dict]:
	return [
		{
			"doctype": "Notification",
			"name": name,
			"subject": name,
			"document_type": "GS Supervision Alert",
			"event": event,
			"value_changed": field,
			"condition": condition + MOBILE,
			"channel": "SMS",
			"gs_message_kind": "Supervision Alert",
			"message": TEXT,
			"recipients": [{"receiver_by_document_field": "responsible_phone"}],
			"enabled": 1 if sms_configured() else 0,
		}
		for name, event, field, condition in TEXTS
	]


def ensure_alert_notifications() -> None:
	"""Create the texts once; never change, re-enable or bring back one an administrator edited, turned off
	or deleted."""
	if frappe.db.get_single_value("GS Settings", "supervision_texts_created"):
		return
	for record in alert_notifications():
		if not frappe.db.exists("Notification", record["name"]):
			frappe.get_doc(record).insert(ignore_permissions=True)  # install-time default records
	frappe.db.set_single_value("GS Settings", "supervision_texts_created", 1)
