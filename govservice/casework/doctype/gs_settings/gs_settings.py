from frappe.model.document import Document


class GSSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		allow_portal_signup: DF.Check
		contact_response_days: DF.Int
		enable_case_reminders: DF.Check
		escalate_overdue_cases: DF.Check
		general_reply_days: DF.Int
		leader_response_days: DF.Int
		max_upload_mb: DF.Int
		portal_signups_per_hour: DF.Int
		portal_submissions_per_hour: DF.Int
		rectification_days: DF.Int
		send_reminder_emails: DF.Check
		simple_reply_days: DF.Int
		unsolvable_reply_days: DF.Int
		window_lead: DF.Link | None
	# end: auto-generated types
	"""The app's settings; saving them also updates the portal site (its name in Website Settings)."""

	def on_update(self) -> None:
		from govservice.citizen_portal.site import apply_portal_site

		apply_portal_site()
