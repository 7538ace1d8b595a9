import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime


class RectificationError(frappe.ValidationError):
	pass


class GSRectification(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		applicant_phone: DF.Data | None
		assigned_to: DF.Link | None
		completed_on: DF.Datetime | None
		county_centre: DF.Link | None
		deadline_date: DF.Date | None
		gs_case: DF.Link | None
		naming_series: DF.Literal["GS-RECT-.YYYY.-.#####"]
		outcome: DF.SmallText | None
		portal_user: DF.Link | None
		rating: DF.Link
		rating_comment: DF.SmallText | None
		rating_level: DF.Data | None
		service_centre: DF.Link | None
		status: DF.Literal["In Rectification", "Completed"]
		township_centre: DF.Link | None
	# end: auto-generated types
	"""The centre's answer to a bad rating: what was put right, shown to the applicant when completed."""

	def validate(self) -> None:
		if self.status == "Completed":
			if not (self.outcome or "").strip():
				frappe.throw(
					_("Record what was rectified before completing; the applicant will see it."),
					RectificationError,
					title=_("Rectification"),
				)
			self.completed_on = self.completed_on or now_datetime()
		else:
			self.completed_on = None

	def on_update(self) -> None:
		previous = self.get_doc_before_save()
		if self.status == "Completed" and (not previous or previous.status != "Completed"):
			for todo in frappe.get_all(
				"ToDo",
				filters={"reference_type": self.doctype, "reference_name": self.name, "status": "Open"},
				pluck="name",
			):
				frappe.db.set_value("ToDo", todo, "status", "Closed")
			self.add_comment("Info", _("Rectification completed: {0}").format(self.outcome))


def on_doctype_update() -> None:
	"""The scope's field first (an agent's centres, a contact's department), then the list's sort."""
	from govservice.security.scope import SCOPE_COLUMNS

	for field in SCOPE_COLUMNS:
		frappe.db.add_index("GS Rectification", [field, "modified"])
	frappe.db.add_index("GS Rectification", ["gs_case"])
