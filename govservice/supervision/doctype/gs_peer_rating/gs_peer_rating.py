"""同事互评: one staff member's score for a colleague in a round, read by its rater only
(govservice.supervision.evaluations.submit_peer_ratings writes it; nobody edits or deletes it)."""

import frappe
from frappe import _
from frappe.model.document import Document


class GSPeerRating(Document):
	def validate(self) -> None:
		frappe.throw(
			_("Colleagues are scored with Score Colleagues on the evaluation round."), frappe.PermissionError
		)

	def on_trash(self) -> None:
		frappe.throw(_("A colleague's score is never deleted."), frappe.PermissionError)


def on_doctype_update() -> None:
	frappe.db.add_index("GS Peer Rating", ["round", "agent"])
	# a rater scores a colleague once a round, whatever arrives at the same moment
	frappe.db.add_unique("GS Peer Rating", ["rater", "round", "agent"], constraint_name="unique_rater_score")
