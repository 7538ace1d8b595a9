"""Frappe's Notification, sending SMS quietly and never showing a restricted field.

An SMS Notification calls Frappe's `send_sms` with its default `success_msg=True`, so the clerk whose action
triggered it (accepting a case) gets a "SMS sent successfully" dialog in their face each time. A notification
is automatic: the text goes out without a dialog (the SMS Log records it).

A notification's template is written by administrators and read by whoever it names: for the app's records
it gets the record with the fields above permission level 0 masked (`govservice.security.history.masked_doc`)
and, instead of Frappe's full template globals (`frappe.db.get_value`, `frappe.get_doc`…, which read any
record with no permission), `frappe.utils`, `frappe.format` and the portal's settings only.
"""

from types import SimpleNamespace

import frappe
from frappe.core.doctype.sms_settings.sms_settings import send_sms
from frappe.email.doctype.notification.notification import Notification

from govservice.citizen_portal import carriers
from govservice.security.history import masked_doc
from govservice.security.registry import is_app_doctype


def portal_setting(doctype: str, fieldname: str):
	"""`frappe.db.get_single_value` for a template: GS Settings only (the portal's name, hotline)."""
	if doctype != "GS Settings":
		return None
	return frappe.db.get_single_value("GS Settings", fieldname)


def template_context(context: dict) -> dict:
	doc = context.get("doc")
	if doc is None or not is_app_doctype(doc.doctype):
		return context
	from frappe.utils.safe_exec import get_safe_globals

	safe = get_safe_globals().get("frappe")
	return {
		**context,
		"doc": masked_doc(doc),
		"frappe": SimpleNamespace(
			utils=safe.get("utils"),
			format=safe.get("format"),
			_=frappe._,
			db=SimpleNamespace(get_single_value=portal_setting),
		),
	}


class QuietSMSNotification(Notification):
	def send_sms(self, doc, context) -> None:
		context = template_context(context)
		receivers = self.get_receiver_list(doc, context)
		text = frappe.render_template(self.message, context)
		if not carriers.uses_carrier():
			send_sms(receiver_list=receivers, msg=text, success_msg=False)
			return
		# a carrier sends the approved template of the text's kind, never the text as written
		kind = self.get("gs_message_kind")
		if not kind:
			frappe.log_error(
				title="SMS notification without a message kind",
				message=f"{self.name}: a carrier sends only approved templates; choose its SMS Message Kind",
			)
			return
		values = carriers.kind_values(kind, doc)
		for phone in receivers:
			try:
				carriers.send(phone, kind, values, text)
			except frappe.ValidationError:
				frappe.clear_last_message()  # logged and told to the administrators by the sender

	def send_an_email(self, doc, context) -> None:
		super().send_an_email(doc, template_context(context))

	def create_system_notification(self, doc, context) -> None:
		"""Frappe writes a system notification from the default queue, behind whatever long job is running (a
		citizen's acceptance message waited minutes on a busy worker). For the app's records the message is
		written with the action that causes it: it is there when the action commits."""
		context = template_context(context)
		if not is_app_doctype(doc.doctype):
			return super().create_system_notification(doc, context)
		import json

		from frappe.desk.doctype.notification_log.notification_log import make_notification_logs

		subject = frappe.render_template(self.subject, context) if "{" in self.subject else self.subject
		attachments = self.get_attachment(doc)
		recipients, cc, bcc = self.get_list_of_recipients(doc, context)
		users = sorted({user for user in recipients + cc + bcc if user})
		if not users:
			return None
		make_notification_logs(
			frappe._dict(
				{
					"type": "Alert",
					"document_type": doc.doctype,
					"document_name": doc.name,
					"subject": subject,
					"from_user": doc.modified_by or doc.owner,
					"email_content": frappe.render_template(self.message, context),
					"attached_file": attachments and json.dumps(attachments[0]),
				}
			),
			users,
		)
		return None

	def send_a_slack_msg(self, doc, context) -> None:
		super().send_a_slack_msg(doc, template_context(context))
