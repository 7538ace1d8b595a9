"""Frappe's Notification, sending SMS quietly.

An SMS Notification calls Frappe's `send_sms` with its default `success_msg=True`, so the clerk whose action
triggered it (accepting a case) gets a "SMS sent successfully" dialog in their face each time. A notification
is automatic: the text goes out without a dialog (the SMS Log records it)."""

import frappe
from frappe.core.doctype.sms_settings.sms_settings import send_sms
from frappe.email.doctype.notification.notification import Notification


class QuietSMSNotification(Notification):
	def send_sms(self, doc, context) -> None:
		send_sms(
			receiver_list=self.get_receiver_list(doc, context),
			msg=frappe.render_template(self.message, context),
			success_msg=False,
		)
