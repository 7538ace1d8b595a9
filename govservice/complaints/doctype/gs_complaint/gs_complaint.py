import frappe
from frappe import _
from frappe.desk.form import assign_to
from frappe.model.document import Document
from frappe.utils import cint, getdate, now_datetime

from govservice.citizen_portal.utils import check_submission_rate, is_portal_user
from govservice.domain.complaint_rules import next_escalation_level, reply_days
from govservice.organisation.calendar import get_work_calendar

SUPERVISORY_ROLE = "GS Supervisory Officer"
# What a reporter fills in on the portal (the Web Form "report-complaint"); the rest is the window's.
PORTAL_FIELDS = frozenset(
	(
		"reporter_type",
		"reporter_name",
		"reporter_phone",
		"description",
		"service_item",
		"gs_case",
		"department",
		"window_name",
		"naming_series",
	)
)
DEFAULT_DAYS = {"simple_reply_days": 3, "general_reply_days": 5, "unsolvable_reply_days": 3}


class ComplaintError(frappe.ValidationError):
	pass


def is_window_staff(user: str | None = None) -> bool:
	"""The window's officers and lead, the supervisory department and administrators."""
	from govservice.complaints.permissions import UNRESTRICTED_ROLES

	user = user or frappe.session.user
	return user == "Administrator" or bool(UNRESTRICTED_ROLES & set(frappe.get_roles(user)))


def complaint_limits() -> dict[str, int]:
	"""The reply limits from GS Settings (3 / 5 / 3 working days unless a city sets others)."""
	settings = frappe.get_cached_doc("GS Settings")
	return {key: cint(settings.get(key)) or default for key, default in DEFAULT_DAYS.items()}


class GSComplaint(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		assigned_to: DF.Link | None
		channel: DF.Literal["Window", "Phone", "Online Portal"]
		classification: DF.Literal["", "Simple", "General", "Complex", "Unsolvable"]
		closed_on: DF.Datetime | None
		deadline_date: DF.Date | None
		deadline_set_by: DF.Link | None
		deadline_set_on: DF.Datetime | None
		department: DF.Link | None
		department_name: DF.Data | None
		description: DF.SmallText
		dispatched_on: DF.Datetime | None
		escalation_level: DF.Literal["", "Department Contact", "Leader in Charge", "Supervisory Department"]
		gs_case: DF.Link | None
		handed_on: DF.Datetime | None
		is_in_scope: DF.Check
		is_overdue: DF.Check
		naming_series: DF.Literal["GS-BBC-.YYYY.-.#####"]
		portal_user: DF.Link | None
		referral_contact: DF.Data | None
		referral_department: DF.Data | None
		registered_on: DF.Datetime
		reminded_after_deadline: DF.Check
		reminded_before_deadline: DF.Check
		replied_on: DF.Datetime | None
		reply: DF.SmallText | None
		reporter_informed_on: DF.Datetime | None
		reporter_name: DF.Data
		reporter_phone: DF.Data
		reporter_type: DF.Literal["Person", "Enterprise"]
		service_item: DF.Link | None
		status: DF.Literal["Registered", "Dispatched", "Replied", "Closed"]
		unsolvable_reasons: DF.SmallText | None
		window_name: DF.Data | None
	# end: auto-generated types
	"""A matter reported at the "办不成事" window, from registration to the reply and closing."""

	def validate(self) -> None:
		if is_portal_user() or frappe.flags.in_web_form:
			self.validate_portal_report()
		self.validate_department_change()
		self.validate_scope()
		self.set_deadline()

	def validate_department_change(self) -> None:
		"""The window may correct the department until the matter is dispatched; after that it moves only
		by escalation (the department decides who sees it)."""
		previous = self.get_doc_before_save()
		if not previous or previous.department == self.department or self.flags.ignore_permissions:
			return
		if previous.dispatched_on or not is_window_staff():
			frappe.throw(
				_("The department of a dispatched matter cannot be changed; escalate it instead."),
				frappe.PermissionError,
				title=_("Department"),
			)

	def before_insert(self) -> None:
		if is_portal_user() or frappe.flags.in_web_form:
			self.check_own_case()  # before Frappe's link check, which would say whether the case exists

	def check_own_case(self) -> None:
		"""A reporter refers only to their own request; a missing one gets the same answer."""
		if (
			self.gs_case
			and frappe.db.get_value("GS Case", self.gs_case, "portal_user") != frappe.session.user
		):
			frappe.throw(_("You can only refer to your own requests."), frappe.PermissionError)

	def after_insert(self) -> None:
		self.add_comment("Info", _("Registered through {0}").format(_(self.channel)))

	def validate_portal_report(self) -> None:
		"""Web Forms insert without DocType permissions: a reporter only registers their own new matter,
		about their own request if they name one, within the hourly submission limit."""
		if not self.is_new():
			frappe.throw(
				_("A reported matter is handled by the window; contact it to add information."),
				frappe.PermissionError,
				title=_("Report a Problem"),
			)
		check_submission_rate()
		self.check_own_case()
		defaults = {"status": "Registered", "channel": "Online Portal", "is_in_scope": 1}
		for field in self.meta.fields:
			if field.fieldname not in PORTAL_FIELDS and field.fieldtype not in (
				"Section Break",
				"Column Break",
			):
				self.set(field.fieldname, defaults.get(field.fieldname))
		self.portal_user = frappe.session.user
		self.registered_on = now_datetime()

	def validate_scope(self) -> None:
		if not self.is_in_scope and not (
			(self.referral_department or "").strip() and (self.referral_contact or "").strip()
		):
			frappe.throw(
				_(
					"Out-of-scope matters still get help: record the department and contact that can handle it."
				),
				ComplaintError,
				title=_("Referral"),
			)

	def set_deadline(self) -> None:
		previous = self.get_doc_before_save()
		if not self.classification:
			return
		if self.classification == "Complex":
			if (
				previous
				and previous.deadline_date == self.deadline_date
				and previous.classification == "Complex"
			):
				return
			if not self.deadline_date:
				frappe.throw(
					_("The supervisory department sets the deadline of a complex matter."),
					ComplaintError,
					title=_("Deadline"),
				)
			if SUPERVISORY_ROLE not in frappe.get_roles():
				frappe.throw(
					_("Only the supervisory department can set the deadline of a complex matter."),
					frappe.PermissionError,
					title=_("Deadline"),
				)
			self.deadline_set_by = frappe.session.user
			self.deadline_set_on = now_datetime()
			return
		limits = complaint_limits()
		days = reply_days(
			self.classification,
			limits["simple_reply_days"],
			limits["general_reply_days"],
			limits["unsolvable_reply_days"],
		)
		self.deadline_date = get_work_calendar().add_working_days(getdate(self.registered_on), days)
		if previous and previous.deadline_date and str(previous.deadline_date) != str(self.deadline_date):
			self.reminded_before_deadline = self.reminded_after_deadline = 0  # a new deadline, new reminders
		if not previous or previous.classification != self.classification:
			self.deadline_set_by = frappe.session.user
			self.deadline_set_on = now_datetime()

	def on_update(self) -> None:
		previous = self.get_doc_before_save()
		if previous and previous.classification != self.classification and self.classification:
			self.add_comment(
				"Info",
				_("Classified as {0}; reply due {1}").format(_(self.classification), self.deadline_date),
			)

	# --- actions ----------------------------------------------------------------------------------------
	# Each action runs on the record as stored, checks who may take it, and saves as the system: the
	# fields it sets (status, holder, dispatch) are read-only to a plain save.

	def load_for_action(self, *, window_only: bool = False) -> None:
		if self.is_new():
			frappe.throw(_("Save the matter first."), ComplaintError)
		self.reload()
		self.check_permission("write")
		if window_only and not is_window_staff():
			raise frappe.PermissionError(_("Only the window and the supervisory department take this step."))

	def save_action(self) -> None:
		self.flags.ignore_permissions = True  # load_for_action checked the caller on the stored record
		self.save()

	@frappe.whitelist()
	def dispatch(self) -> None:
		"""Send the matter to the department's liaison contact (业务联系表), as an assignment."""
		self.load_for_action(window_only=True)
		if self.dispatched_on:
			frappe.throw(_("This matter has already been dispatched."), ComplaintError, title=_("Dispatch"))
		if not self.is_in_scope:
			frappe.throw(_("An out-of-scope matter is referred, not dispatched."), ComplaintError)
		if not self.classification or not self.department:
			frappe.throw(
				_("Classify the matter and name the department first."), ComplaintError, title=_("Dispatch")
			)
		self.hand_to("Department Contact")

	@frappe.whitelist()
	def escalate(self) -> None:
		"""Move the matter up: contact → leader in charge → supervisory department."""
		self.load_for_action(window_only=True)
		self.escalate_to_next_level()

	def escalate_to_next_level(self) -> None:
		level = next_escalation_level(self.escalation_level)
		if not self.escalation_level or not level:
			frappe.throw(_("This matter cannot be escalated further."), ComplaintError, title=_("Escalation"))
		self.hand_to(level)

	def hand_to(self, level: str) -> None:
		users = self.users_at(level)
		if not users:
			frappe.throw(
				_("Nobody is recorded for {0} of {1}; complete the business liaison table.").format(
					_(level), self.department
				),
				ComplaintError,
				title=_("Dispatch"),
			)
		previous = self.assigned_to
		self.escalation_level = level
		self.assigned_to = users[0]
		self.handed_on = now_datetime()
		if not self.dispatched_on:
			self.dispatched_on = self.handed_on
		self.status = "Dispatched"
		self.save_action()
		if previous:
			# closes the previous hand-off (after saving: clearing assignments touches the document)
			assign_to.clear("GS Complaint", self.name, ignore_permissions=True)
		assign_to.add(
			{
				"assign_to": users,
				"doctype": "GS Complaint",
				"name": self.name,
				"description": _("Couldn't-get-it-done matter: {0}").format(self.description),
				"date": self.deadline_date,
			},
			ignore_permissions=True,  # the window hands the matter to the department, who may not see it yet
		)
		self.add_comment("Info", _("Dispatched to {0} ({1})").format(", ".join(users), _(level)))

	def users_at(self, level: str) -> list[str]:
		if level == "Supervisory Department":
			return frappe.get_all(
				"Has Role",
				filters={
					"role": SUPERVISORY_ROLE,
					"parenttype": "User",
					"parent": ["not in", ["Administrator"]],
				},
				pluck="parent",
				order_by="parent asc",
			)
		field = "contact_user" if level == "Department Contact" else "leader_user"
		user = frappe.db.get_value("GS Department Liaison", {"department": self.department}, field)
		return [user] if user else []

	@frappe.whitelist()
	def submit_reply(self, reply: str, unsolvable_reasons: str | None = None) -> None:
		"""The handling unit's reply: what the reporter needs (materials, window, person, contact)."""
		self.load_for_action()
		if self.status != "Dispatched":
			frappe.throw(_("Only a dispatched matter is replied to."), ComplaintError, title=_("Reply"))
		if not (reply or "").strip():
			frappe.throw(_("Write the reply to the reporter."), ComplaintError, title=_("Reply"))
		if self.classification == "Unsolvable" and not (unsolvable_reasons or "").strip():
			frappe.throw(
				_("A matter that cannot be solved is answered with the reasons."),
				ComplaintError,
				title=_("Reply"),
			)
		self.reply = reply
		self.unsolvable_reasons = unsolvable_reasons
		self.replied_on = now_datetime()
		self.status = "Replied"
		self.is_overdue = 1 if getdate(self.replied_on) > getdate(self.deadline_date) else 0
		self.save_action()
		assign_to.close_all_assignments(
			"GS Complaint", self.name, ignore_permissions=True
		)  # the reply ends the hand-off
		self.add_comment("Info", _("Replied: {0}").format(reply))

	@frappe.whitelist()
	def inform_reporter(self) -> None:
		"""Record that the reporter was told the reply (or, out of scope, where to go)."""
		self.load_for_action(window_only=True)
		if self.is_in_scope and not self.replied_on:
			frappe.throw(_("There is no reply to pass on yet."), ComplaintError)
		self.reporter_informed_on = now_datetime()
		self.save_action()
		self.add_comment("Info", _("Reporter informed"))

	@frappe.whitelist()
	def close(self) -> None:
		"""Close the matter once the reporter has been informed."""
		self.load_for_action(window_only=True)
		if self.status == "Closed":
			frappe.throw(_("This matter is already closed."), ComplaintError, title=_("Close"))
		if not self.reporter_informed_on:
			frappe.throw(_("Inform the reporter before closing."), ComplaintError, title=_("Close"))
		self.closed_on = now_datetime()
		self.status = "Closed"
		self.save_action()
		self.add_comment("Info", _("Closed"))


def on_doctype_update() -> None:
	"""The scope's field first (an agent's centres, a contact's department), then the list's sort."""
	frappe.db.add_index("GS Complaint", ["department", "dispatched_on"])
	frappe.db.add_index("GS Complaint", ["department", "creation"])  # a contact's list, newest first
	frappe.db.add_index("GS Complaint", ["portal_user"])
	frappe.db.add_index("GS Complaint", ["registered_on"])
	frappe.db.add_index("GS Complaint", ["status", "deadline_date"])
