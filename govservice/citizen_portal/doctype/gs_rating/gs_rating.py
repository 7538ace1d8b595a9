import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime, today

from govservice.casework.ledger import log_action
from govservice.casework.stages import DONE_STAGES
from govservice.citizen_portal.utils import is_portal_user
from govservice.domain.rating_rules import RATING_LEVELS, is_bad
from govservice.organisation.calendar import add_working_days
from govservice.organisation.utils import responsible_supervisor


class RatingError(frappe.ValidationError):
	pass


class GSRating(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		agent: DF.Link | None
		comment: DF.SmallText | None
		county_centre: DF.Link | None
		gs_case: DF.Link | None
		is_bad: DF.Check
		key_project: DF.Link | None
		naming_series: DF.Literal["GS-RATE-.YYYY.-.#####"]
		rated_by: DF.Link | None
		rated_on: DF.Datetime | None
		rating: DF.Literal[
			"Very Satisfied", "Satisfied", "Basically Satisfied", "Dissatisfied", "Very Dissatisfied"
		]
		rectification: DF.Link | None
		service_centre: DF.Link | None
		service_item: DF.Link | None
		township_centre: DF.Link | None
	# end: auto-generated types
	"""好差评: one rating per completed request, by its applicant, or per key project, by its owner enterprise
	once a stage is done; a bad one opens a rectification."""

	def validate(self) -> None:
		if not self.is_new():
			frappe.throw(_("A rating cannot be changed once given."), RatingError, title=_("Service Rating"))
		if self.rating not in RATING_LEVELS:
			frappe.throw(_("Choose one of the five rating levels."), RatingError, title=_("Service Rating"))
		if self.key_project:
			self.gs_case = None
			self.validate_project()
			self.set_project_details()
		else:
			self.validate_case()
			self.set_case_details()

	def validate_project(self) -> None:
		"""The project's own portal account rates its agency, once, when a stage has been completed."""
		project = frappe.get_doc("GS Key Project", self.key_project)
		if not is_portal_user() or project.owner_user != frappe.session.user:
			frappe.throw(
				_("Only the owner enterprise rates the agency of its project."),
				frappe.PermissionError,
				title=_("Service Rating"),
			)
		if not any(stage.stage_status == "Completed" for stage in project.stages):
			frappe.throw(
				_("The agency can be rated once a stage of the project is completed."),
				RatingError,
				title=_("Service Rating"),
			)
		if frappe.db.exists("GS Rating", {"key_project": self.key_project}):
			frappe.throw(_("This project has already been rated."), RatingError, title=_("Service Rating"))

	def set_project_details(self) -> None:
		project = frappe.db.get_value(
			"GS Key Project", self.key_project, ["service_centre", "liaison_agent"], as_dict=True
		)
		self.service_centre, self.agent, self.service_item = (
			project.service_centre,
			project.liaison_agent,
			None,
		)
		self.set_rater()

	def set_rater(self) -> None:
		self.rated_by = frappe.session.user
		self.rated_on = now_datetime()
		self.is_bad = 1 if is_bad(self.rating) else 0

	def validate_case(self) -> None:
		case = frappe.get_doc("GS Case", self.gs_case)
		if is_portal_user() and case.portal_user != frappe.session.user:
			frappe.throw(
				_("You can only rate your own requests."), frappe.PermissionError, title=_("Service Rating")
			)
		if case.stage not in DONE_STAGES:
			frappe.throw(
				_("A request can be rated once it is completed."), RatingError, title=_("Service Rating")
			)
		if frappe.db.exists("GS Rating", {"gs_case": self.gs_case}):
			frappe.throw(_("This request has already been rated."), RatingError, title=_("Service Rating"))

	def set_case_details(self) -> None:
		case = frappe.db.get_value(
			"GS Case", self.gs_case, ["service_centre", "agent", "service_item"], as_dict=True
		)
		self.update(case)
		self.set_rater()

	def after_insert(self) -> None:
		if self.key_project:
			frappe.get_doc("GS Key Project", self.key_project).add_comment(
				"Info", _("Agency rated {0} by the owner enterprise").format(_(self.rating))
			)
		else:
			case = frappe.get_doc("GS Case", self.gs_case)
			log_action(case, "Other Note", _("Rated {0} by the applicant").format(_(self.rating)))
		if self.is_bad:
			self.db_set("rectification", open_rectification(self), update_modified=False)


def open_rectification(rating: GSRating) -> str:
	"""A bad rating becomes a rectification task for the centre's supervisor (or the level above's), due in
	the working days set in GS Settings (好差评: 差评 verified, rectified and answered within 15 working days)."""
	days = frappe.db.get_single_value("GS Settings", "rectification_days") or 15
	rectification = frappe.get_doc(
		{
			"doctype": "GS Rectification",
			"rating": rating.name,
			"gs_case": rating.gs_case,
			"service_centre": rating.service_centre,
			"assigned_to": responsible_supervisor(rating.service_centre),
			"deadline_date": add_working_days(today(), days),
		}
	)
	rectification.insert(ignore_permissions=True)  # opened by the system for the centre, not by the rater
	if rectification.assigned_to:
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": rectification.assigned_to,
				"reference_type": rectification.doctype,
				"reference_name": rectification.name,
				"description": _("Rectify a bad rating ({0}) on {1} by {2}").format(
					_(rating.rating), rating.gs_case or rating.key_project, rectification.deadline_date
				),
				"date": rectification.deadline_date,
				"priority": "High",
			}
		).insert(ignore_permissions=True)  # the assignment is the system's, for the supervisor
	return rectification.name


def on_doctype_update() -> None:
	"""The scope's field first (an agent's centres, a contact's department), then the list's sort."""
	from govservice.security.scope import SCOPE_COLUMNS

	for field in SCOPE_COLUMNS:
		frappe.db.add_index("GS Rating", [field, "modified"])
	frappe.db.add_index("GS Rating", ["gs_case"])
	frappe.db.add_index("GS Rating", ["rated_on"])
	frappe.db.add_index("GS Rating", ["key_project"])
	frappe.db.add_index("GS Rating", ["rated_by"])
