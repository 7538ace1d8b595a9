import frappe
from frappe import _
from frappe.model.document import Document

from govservice.domain.identity import mask_resident_id
from govservice.utils import checked_credit_code, checked_resident_id


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
		id_number_masked: DF.Data | None
		phone: DF.Data
		phone_verified_on: DF.Datetime | None
		user: DF.Link
	# end: auto-generated types
	"""A citizen's or enterprise's portal account: who they are, checked once, reused on every request."""

	def validate(self) -> None:
		self.validate_identity()
		previous = self.get_doc_before_save()
		if previous and previous.phone != self.phone:
			self.phone_verified_on = None  # a number is verified only by a code sent to it

	def validate_identity(self) -> None:
		if self.id_number:
			self.id_number = checked_resident_id(self.id_number, ProfileError)
		self.id_number_masked = mask_resident_id(self.id_number) if self.id_number else None
		if self.account_type == "Enterprise":
			self.credit_code = checked_credit_code(self.credit_code, ProfileError)
			if not (self.enterprise_name or "").strip():
				frappe.throw(
					_("Enter the enterprise's registered name."), ProfileError, title=_("Enterprise Name")
				)
		else:
			self.enterprise_name = self.credit_code = None
