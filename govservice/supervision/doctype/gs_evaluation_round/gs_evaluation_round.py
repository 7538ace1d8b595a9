"""三亮三评评议: one round a quarter (govservice.supervision.evaluations). The supervisory department opens
it with the administrator's weights; its progress, results and confirmation are the round's actions', and
a confirmed round does not change."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, getdate

from govservice.domain.evaluation_rules import quarter_period


class GSEvaluationRound(Document):
	def validate(self) -> None:
		if not self.is_new():
			if not self.flags.evaluation_action:
				# only the round's actions change it after it was opened (status, figures, confirmation)
				frappe.throw(
					_("An evaluation round changes only through its actions."), frappe.PermissionError
				)
			return
		# set here, after the save's check cleared what the client sent for the system's fields
		try:
			self.period_start, self.period_end = quarter_period(cint(self.year), cint(self.quarter))
		except ValueError:
			frappe.throw(_("Choose a year from 2000 to 2100 and a quarter from 1 to 4."))
		if getdate(self.period_start) > getdate():
			frappe.throw(_("A quarter is evaluated once it has begun."))
		if frappe.db.exists(self.doctype, {"year": self.year, "quarter": self.quarter}):
			frappe.throw(_("The evaluation of {0} Q{1} is open already.").format(self.year, self.quarter))
		settings = frappe.get_cached_doc("GS Settings")
		self.weight_citizen = settings.eval_weight_citizen
		self.weight_peer = settings.eval_weight_peer
		self.weight_leader = settings.eval_weight_leader
		self.min_peer_raters = max(cint(settings.eval_min_peer_raters), 2)
		self.status = "Peer Rating"
		for field in ("computed_on", "confirmed_by", "confirmed_on"):
			self.set(field, None)
		self.agents_count = self.peer_ratings_count = self.reviews_count = 0

	def after_insert(self) -> None:
		from govservice.supervision.evaluations import open_round

		self.db_set("agents_count", open_round(self.name))

	def on_trash(self) -> None:
		frappe.throw(_("An evaluation round is never deleted."), frappe.PermissionError)
