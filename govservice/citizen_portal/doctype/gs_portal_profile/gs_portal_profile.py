import frappe
from frappe import _
from frappe.model.document import Document

from govservice.domain.identity import is_valid_resident_id, is_valid_unified_credit_code, normalise


class ProfileError(frappe.ValidationError):
	pass


class GSPortalProfile(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		account_type: DF.Literal["Individual", "Enterprise"]
		credit_code: DF.Data | None
		enterprise_name: DF.Data | None
		full_name: DF.Data
		id_number: DF.Data | None
		phone: DF.Data
		user: DF.Link
	# end: auto-generated types
	"""A citizen's or enterprise's portal account: who they are, checked once, reused on every request."""

	def validate(self) -> None:
		self.validate_identity()

	def validate_identity(self) -> None:
		if self.id_number:
			self.id_number = normalise(self.id_number)
			if not is_valid_resident_id(self.id_number):
				frappe.throw(
					_(
						"{0} is not a valid resident ID number; check the 18 characters and the check digit."
					).format(self.id_number),
					ProfileError,
					title=_("Resident ID Number"),
				)
		if self.account_type == "Enterprise":
			self.credit_code = normalise(self.credit_code or "")
			if not is_valid_unified_credit_code(self.credit_code):
				frappe.throw(
					_("{0} is not a valid unified social credit code; check the 18 characters.").format(
						self.credit_code
					),
					ProfileError,
					title=_("Unified Social Credit Code"),
				)
			if not (self.enterprise_name or "").strip():
				frappe.throw(
					_("Enter the enterprise's registered name."), ProfileError, title=_("Enterprise Name")
				)
		else:
			self.enterprise_name = self.credit_code = None
