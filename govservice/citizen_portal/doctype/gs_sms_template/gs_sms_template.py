from govservice.security.rows import ParentScopedRow


class GSSMSTemplate(ParentScopedRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		message_kind: DF.Literal[
			"Verification Code",
			"Request Accepted",
			"One-Time Notice",
			"Request Completed",
			"Result Ready",
			"Request Terminated",
			"Not Accepted",
			"Rectification Done",
			"Supervision Alert",
			"Appointment Booked",
			"Appointment Reminder",
			"Appointment Cancelled",
			"Project One-Time Notice",
		]
		parameters: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		template_code: DF.Data
	# end: auto-generated types
	pass
