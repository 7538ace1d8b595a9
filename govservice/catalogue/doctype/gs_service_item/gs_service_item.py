import frappe
from frappe import _
from frappe.model.document import Document

from govservice.domain.catalogue_rules import (
	handling_kind,
	promised_exceeds_statutory,
	vague_material_names,
)


class DuplicateItemCodeError(frappe.ValidationError):
	pass


class TimeLimitError(frappe.ValidationError):
	pass


class FeeBasisError(frappe.ValidationError):
	pass


class VagueMaterialError(frappe.ValidationError):
	pass


class VisitsError(frappe.ValidationError):
	pass


class GSServiceItem(Document):
	def validate(self) -> None:
		self.validate_item_code()
		self.validate_time_limits()
		self.validate_fee()
		self.validate_materials()
		self.validate_visits()
		self.validate_levels_and_channels()
		self.handling_kind = handling_kind(self.promised_limit_days)

	def validate_item_code(self) -> None:
		self.item_code = (self.item_code or "").strip()
		if self.is_new() and frappe.db.exists("GS Service Item", self.item_code):
			frappe.throw(
				_(
					"Item code {0} is already used by another service item. Each item needs its own code."
				).format(self.item_code),
				DuplicateItemCodeError,
				title=_("Duplicate Item Code"),
			)

	def validate_time_limits(self) -> None:
		if promised_exceeds_statutory(self.statutory_limit_days, self.promised_limit_days):
			frappe.throw(
				_(
					"The promised time limit ({0} working days) cannot be longer than the statutory time limit ({1} working days)."
				).format(self.promised_limit_days, self.statutory_limit_days),
				TimeLimitError,
				title=_("Time Limit"),
			)

	def validate_fee(self) -> None:
		if not self.is_charged:
			self.fee_amount = 0
			return
		if not (self.fee_basis or "").strip() or not (self.fee_standard or "").strip():
			frappe.throw(
				_(
					"A charged item needs the legal basis of the fee and the fee standard. Otherwise mark it free."
				),
				FeeBasisError,
				title=_("Fee"),
			)

	def validate_materials(self) -> None:
		vague = vague_material_names(row.material_name for row in self.materials)
		if vague:
			frappe.throw(
				_(
					"Name every material exactly; catch-all names such as {0} are not allowed in a service guide."
				).format(", ".join(f'"{name}"' for name in vague)),
				VagueMaterialError,
				title=_("Vague Material Name"),
			)

	def validate_visits(self) -> None:
		if (self.max_visits or 0) > 1:
			frappe.throw(
				_("An applicant may be asked to come at most once (0 or 1 visits)."),
				VisitsError,
				title=_("Visits"),
			)

	def validate_levels_and_channels(self) -> None:
		if not (self.handled_at_county or self.handled_at_township or self.handled_at_village):
			frappe.throw(
				_("Choose at least one level (county, township or village) that handles this item."),
				title=_("Levels"),
			)
