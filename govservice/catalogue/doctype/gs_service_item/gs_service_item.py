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
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from govservice.catalogue.doctype.gs_item_material.gs_item_material import GSItemMaterial
		from govservice.catalogue.doctype.gs_item_process_step.gs_item_process_step import GSItemProcessStep
		from govservice.catalogue.doctype.gs_legal_basis.gs_legal_basis import GSLegalBasis

		acceptance_conditions: DF.TextEditor
		complaint_phone: DF.Data | None
		consultation_phone: DF.Data | None
		department: DF.Link | None
		department_visits_home: DF.Check
		fee_amount: DF.Currency
		fee_basis: DF.SmallText | None
		fee_standard: DF.SmallText | None
		handled_at_county: DF.Check
		handled_at_township: DF.Check
		handled_at_village: DF.Check
		handling_kind: DF.Literal["Immediate Item", "Promised Item"]
		handling_location: DF.SmallText | None
		implementing_body: DF.Data
		is_charged: DF.Check
		is_published: DF.Check
		item_code: DF.Data
		item_name: DF.Data
		item_type: DF.Literal[
			"Administrative Licensing",
			"Administrative Payment",
			"Administrative Confirmation",
			"Administrative Levy",
			"Administrative Adjudication",
			"Administrative Reward",
			"Administrative Inspection",
			"Other Administrative Power",
			"Public Service",
		]
		legal_basis: DF.Table[GSLegalBasis]
		materials: DF.Table[GSItemMaterial]
		max_visits: DF.Int
		offers_assisted: DF.Check
		offers_door_to_door: DF.Check
		offers_joint: DF.Check
		offers_mobile: DF.Check
		offers_online: DF.Check
		offers_proxy: DF.Check
		process_steps: DF.Table[GSItemProcessStep]
		promised_limit_days: DF.Int
		search_keywords: DF.SmallText | None
		statutory_limit_days: DF.Int
		target: DF.Literal["Individual", "Legal Person", "Individual and Legal Person"]

	# end: auto-generated types
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
