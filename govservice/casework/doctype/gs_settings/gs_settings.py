import frappe
from frappe.model.document import Document


class GSSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		allow_portal_signup: DF.Check
		applicant_notifications_created: DF.Check
		applicant_texts_waiting: DF.Check
		contact_response_days: DF.Int
		elderly_age: DF.Int
		enable_case_reminders: DF.Check
		enable_supervision_alerts: DF.Check
		enable_project_reminders: DF.Check
		enable_visit_reminders: DF.Check
		escalate_overdue_cases: DF.Check
		general_reply_days: DF.Int
		leader_response_days: DF.Int
		max_upload_mb: DF.Int
		portal_footer: DF.SmallText | None
		portal_hotline: DF.Data | None
		portal_name: DF.Data | None
		portal_signups_per_hour: DF.Int
		portal_submissions_per_hour: DF.Int
		rectification_days: DF.Int
		red_card_after_days: DF.Int
		send_reminder_emails: DF.Check
		simple_reply_days: DF.Int
		supervision_texts_created: DF.Check
		sms_code_attempts: DF.Int
		sms_code_gap_seconds: DF.Int
		sms_code_minutes: DF.Int
		sms_codes_per_ip_per_hour: DF.Int
		sms_codes_per_number_per_hour: DF.Int
		unsolvable_reply_days: DF.Int
		visit_months_disabled: DF.Int
		visit_months_elderly: DF.Int
		visit_months_lonely_elderly: DF.Int
		visit_months_orphan: DF.Int
		window_lead: DF.Link | None
	# end: auto-generated types
	"""The app's settings; saving them also updates the portal site (its name in Website Settings)."""

	def validate(self) -> None:
		from frappe import _

		from govservice.domain.evaluation_rules import weights_refusal

		weights = (self.eval_weight_citizen, self.eval_weight_peer, self.eval_weight_leader)
		if weights_refusal(weights):
			frappe.throw(_("The three weights of the quarterly evaluation must add up to 100%."))
		if (self.eval_min_peer_raters or 0) < 2:
			frappe.throw(
				_(
					"Colleagues' scores must count from at least 2 raters, or the rated person knows who gave them."
				)
			)

	def on_update(self) -> None:
		from govservice.citizen_portal.site import apply_portal_site

		apply_portal_site()
		previous = self.get_doc_before_save()
		from govservice.village_outreach.register import VISIT_SETTINGS, refresh_visit_plan

		if previous and any(previous.get(field) != self.get(field) for field in VISIT_SETTINGS):
			# the elderly age or a visit frequency changed: the register's visit plan follows
			frappe.enqueue(refresh_visit_plan, queue="long", enqueue_after_commit=True)
