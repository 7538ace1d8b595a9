"""绩效月报: a centre's performance figures of one month (govservice.supervision.performance). Computed and
written by the app, published by the supervisory department, never edited: a correction is a new version
with its reason, and the corrected version stays, superseded."""

import frappe
from frappe import _
from frappe.model.document import Document


class GSPerformanceReport(Document):
	def validate(self) -> None:
		# the figures are the app's: written by bulk insert, changed by no save of anyone's
		frappe.throw(
			_(
				"Performance figures are computed by the app and never edited; correct published figures with Correct Figures."
			),
			frappe.PermissionError,
		)

	def on_trash(self) -> None:
		frappe.throw(_("Performance figures are never deleted."), frappe.PermissionError)

	@frappe.whitelist()
	def correct_figures(self, reason: str) -> str:
		"""Recompute this centre's month as a new published version, with `reason`."""
		from govservice.supervision.performance import correct

		if self.is_new() or not frappe.db.exists(self.doctype, self.name):
			raise frappe.PermissionError(_("Only the supervisory department publishes performance figures."))
		return correct(self.name, reason)


def on_doctype_update() -> None:
	"""The scope's columns (a supervisor's centres) with the month; the month's run and the public page."""
	from govservice.security.scope import SCOPE_COLUMNS

	for field in SCOPE_COLUMNS:
		frappe.db.add_index("GS Performance Report", [field, "month"])
	frappe.db.add_index("GS Performance Report", ["month", "status"])
