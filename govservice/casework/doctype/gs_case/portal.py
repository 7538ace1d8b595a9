"""GS Case: the rules for requests a citizen or enterprise files on the portal.

Portal requests are inserted and updated by the system for the applicant (Web Forms and the portal API
bypass DocType permissions), so the rules are here, whatever path the request came by: a new request is
Registered, from the portal, and filed in the account holder's real name (or, for someone else, with the
account holder recorded as the filer); later the applicant can only supply materials.
"""

import frappe
from frappe import _
from frappe.utils import now_datetime

from govservice.casework.errors import PortalChangeError
from govservice.citizen_portal.utils import check_submission_rate

# What an applicant may fill in on the portal; every other field is the centre's.
PORTAL_FIELDS = frozenset(
	(
		"applicant_type",
		"applicant_name",
		"id_number",
		"credit_code",
		"phone",
		"address",
		"is_special_group",
		"special_group",
		"is_door_to_door",
		"preferred_visit_time",
		"service_item",
		"service_centre",
		"pickup_centre",
		"agent",
		"request_note",
		"materials",
		"naming_series",
		"filed_by_other",
		"filer_relationship",
	)
)
# Set by the system on a portal request, whatever was sent.
PORTAL_FORCED = frozenset(
	(
		"portal_user",
		"intake_channel",
		"status",
		"stage",
		"received_on",
		"urgency",
		"filer_name",
		"filer_id_number",
	)
)
ENTERPRISE_HANDLER = "Enterprise Handler"


class CasePortalRules:
	def validate_portal_changes(self) -> None:
		if self.is_new():
			check_submission_rate()
			for field in self.meta.fields:
				if field.fieldname in PORTAL_FIELDS or field.fieldname in PORTAL_FORCED or field.fetch_from:
					continue  # fetched fields are copied from the item, centre and agent
				if self.get(field.fieldname) and field.fieldtype not in ("Section Break", "Column Break"):
					frappe.throw(
						_("{0} is filled in by the service centre.").format(_(field.label)),
						PortalChangeError,
						title=_("Online Request"),
					)
			self.update(
				{
					"portal_user": frappe.session.user,
					"intake_channel": "Online Portal",
					"status": None,  # the workflow's first state
					"stage": "Registered",
					"received_on": now_datetime(),
					"urgency": "Normal",
				}
			)
			self.set_account_holder()
			self.check_new_materials()
			return
		previous = self.get_doc_before_save()
		changed = [
			field.label
			for field in self.meta.fields
			if field.fieldtype not in ("Table", "Section Break", "Column Break")
			and field.fieldname != "status"
			and self.get(field.fieldname) != previous.get(field.fieldname)
		]
		if self.portal_user != frappe.session.user or changed or not self.only_materials_supplied(previous):
			frappe.throw(
				_("Only the service centre can change this request; you can upload the missing materials."),
				PortalChangeError,
				title=_("Online Request"),
			)

	def set_account_holder(self) -> None:
		"""实名: a request is the account holder's own, in their name and ID, or the enterprise's; filed for
		someone else (a parent, a neighbour), the applicant is that person and the account holder is recorded
		as the filer, with the relationship. Whatever was sent for the holder is replaced by the account's
		own verified details."""
		profile = self.flags.portal_profile or frappe.db.get_value(
			"GS Portal Profile",
			{"user": frappe.session.user},
			["account_type", "full_name", "id_number", "enterprise_name", "credit_code"],
			as_dict=True,
		)
		if not profile:
			frappe.throw(_("Complete your account details first."), PortalChangeError)
		if profile.account_type == "Enterprise":
			self.update(
				{
					"applicant_type": "Enterprise",
					"applicant_name": profile.enterprise_name,
					"credit_code": profile.credit_code,
					"id_number": None,
					"filed_by_other": 1,
					"filer_name": profile.full_name,
					"filer_id_number": profile.id_number,
					"filer_relationship": ENTERPRISE_HANDLER,
				}
			)
			return
		if self.applicant_type != "Individual":
			frappe.throw(
				_(
					"An individual account files requests for people; enterprises sign up with their own account."
				),
				PortalChangeError,
				title=_("Online Request"),
			)
		if self.filed_by_other:
			if not self.filer_relationship or self.filer_relationship == ENTERPRISE_HANDLER:
				frappe.throw(
					_("Say how you are related to the person you file for."),
					PortalChangeError,
					title=_("Relationship to the Applicant"),
				)
			if profile.id_number and self.id_number and profile.id_number == self.id_number.strip().upper():
				frappe.throw(
					_("This is your own ID number: file the request for yourself instead."),
					PortalChangeError,
					title=_("Filed for Someone Else"),
				)
			self.update({"filer_name": profile.full_name, "filer_id_number": profile.id_number})
			return
		self.update({"applicant_name": profile.full_name, "filer_relationship": None})
		if profile.id_number:  # accounts from before real-name sign-up give their ID on the request
			self.id_number = profile.id_number

	def check_new_materials(self) -> None:
		"""A new request's materials are its item's list; an uploaded one is received (not yet verified) and
		its file is the applicant's own upload, private and not attached to any record yet."""
		expected = self.flags.item_materials or frappe.get_all(
			"GS Item Material",
			filters={"parent": self.service_item, "parenttype": "GS Service Item"},
			pluck="material_name",
			order_by="idx asc",
		)
		if self.materials and [row.material_name for row in self.materials] != expected:
			frappe.throw(_("The materials are those of the service guide."), PortalChangeError)
		for row in self.materials:
			if row.is_verified or (row.is_received and not row.portal_file):
				frappe.throw(_("Only the service centre checks materials."), PortalChangeError)
			if row.portal_file:
				file = frappe.db.get_value(
					"File",
					{"file_url": row.portal_file},
					["owner", "is_private", "attached_to_name"],
					as_dict=True,
				)
				if (
					not file
					or file.owner != frappe.session.user
					or not file.is_private
					or file.attached_to_name
				):
					frappe.throw(_("Upload the file with the request."), PortalChangeError)

	def only_materials_supplied(self, previous) -> bool:
		"""True when the applicant only marked materials supplied (never un-supplied) on existing rows."""
		if [row.name for row in self.materials] != [row.name for row in previous.materials]:
			return False
		for row, old in zip(self.materials, previous.materials, strict=True):
			if old.is_received and not row.is_received:
				return False
			if any(
				row.get(field) != old.get(field)
				for field in ("material_name", "is_required", "allows_deferred", "notes", "is_verified")
			):
				return False
		return True
