"""An entry of the special-group register (特殊群体台账) of a village: 高龄老人, 孤寡老人, 残疾人, 孤儿."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from govservice.domain.identity import mask_resident_id
from govservice.domain.outreach_rules import birth_date, gender, is_elderly, next_visit_due, visit_interval
from govservice.utils import check_phone, checked_resident_id
from govservice.village_outreach.errors import OutreachError
from govservice.village_outreach.register import elderly_age, groups_of, months_by_group


class GSSpecialGroupMember(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText
		agent_name: DF.Data | None
		birth_date: DF.Date | None
		consent_date: DF.Date | None
		consent_to_visit: DF.Check
		county_centre: DF.Link | None
		disability_category: DF.Literal[
			"", "Visual", "Hearing", "Speech", "Physical", "Intellectual", "Mental", "Multiple"
		]
		disability_certificate_no: DF.Data | None
		disability_grade: DF.Literal["", "Grade 1", "Grade 2", "Grade 3", "Grade 4"]
		full_name: DF.Data
		gender: DF.Literal["", "Male", "Female"]
		guardian_name: DF.Data | None
		guardian_phone: DF.Data | None
		guardian_relationship: DF.Data | None
		id_number: DF.Data
		id_number_masked: DF.Data | None
		inactive_reason: DF.SmallText | None
		is_active: DF.Check
		is_disabled: DF.Check
		is_elderly: DF.Check
		is_lonely_elderly: DF.Check
		is_orphan: DF.Check
		last_visit_date: DF.Date | None
		living_situation: DF.SmallText | None
		naming_series: DF.Literal["GS-SGM-.#####"]
		needs: DF.SmallText | None
		next_visit_due: DF.Date | None
		phone: DF.Data
		preferred_visit_time: DF.Data | None
		registered_on: DF.Date | None
		reminded_due_date: DF.Date | None
		responsible_agent: DF.Link
		service_centre: DF.Link
		township_centre: DF.Link | None
		visit_interval_months: DF.Int

	# end: auto-generated types
	def validate(self) -> None:
		self.validate_person()
		self.validate_village()
		self.validate_groups()
		self.set_visit_plan()

	def validate_person(self) -> None:
		self.id_number = checked_resident_id(self.id_number, OutreachError)
		self.id_number_masked = mask_resident_id(self.id_number)
		self.birth_date = birth_date(self.id_number)
		self.gender = gender(self.id_number)
		for field in ("phone", "guardian_phone"):
			if self.get(field):
				check_phone(self.get(field), OutreachError, _(self.meta.get_label(field)))
		# within the village (whose register the caller keeps): a check across villages would tell anyone
		# who may register a person whether an ID number is on another village's register
		duplicate = frappe.db.get_value(
			"GS Special Group Member",
			{
				"id_number": self.id_number,
				"service_centre": self.service_centre,
				"name": ["!=", self.name or ""],
			},
			"name",
		)
		if duplicate:
			frappe.throw(
				_("This person is already on the village's register ({0}).").format(duplicate),
				OutreachError,
				title=_("Special-Group Register"),
			)

	def validate_village(self) -> None:
		if frappe.db.get_value("GS Service Centre", self.service_centre, "level") != "Village":
			frappe.throw(
				_("The register is kept by village stations: choose the person's village."),
				OutreachError,
				title=_("Village Station"),
			)
		agent = frappe.db.get_value(
			"GS Agent", self.responsible_agent, ["service_centre", "is_active"], as_dict=True
		)
		township = frappe.db.get_value("GS Service Centre", self.service_centre, "parent_gs_service_centre")
		if not agent or not agent.is_active or agent.service_centre not in (self.service_centre, township):
			frappe.throw(
				_("The responsible agent must be an active agent of {0} or its township.").format(
					self.service_centre
				),
				OutreachError,
				title=_("Responsible Agent"),
			)

	def validate_groups(self) -> None:
		self.is_elderly = 1 if is_elderly(getdate(self.birth_date), getdate(today()), elderly_age()) else 0
		if not groups_of(self):
			frappe.throw(
				_(
					"Choose the special group the person belongs to: lonely elderly, person with disability or orphan (the elderly are recognised from the ID number)."
				),
				OutreachError,
				title=_("Special Groups"),
			)
		if not self.is_disabled:
			self.disability_certificate_no = self.disability_category = self.disability_grade = None
		if not self.consent_to_visit:
			self.consent_date = None
		if self.is_active:
			self.inactive_reason = None

	def set_visit_plan(self) -> None:
		self.registered_on = self.registered_on or today()
		self.visit_interval_months = visit_interval(groups_of(self), months_by_group())
		self.next_visit_due = (
			next_visit_due(
				getdate(self.last_visit_date) if self.last_visit_date else None,
				getdate(self.registered_on),
				self.visit_interval_months,
			)
			if self.is_active
			else None
		)

	def on_trash(self) -> None:
		frappe.throw(
			_("Register entries are never deleted: mark the person as no longer on the register instead."),
			frappe.PermissionError,
			title=_("Not Allowed"),
		)


def on_doctype_update() -> None:
	from govservice.security.scope import SCOPE_COLUMNS

	frappe.db.add_index("GS Special Group Member", ["id_number"])
	frappe.db.add_index("GS Special Group Member", ["is_active", "next_visit_due"])
	for field in SCOPE_COLUMNS:
		frappe.db.add_index("GS Special Group Member", [field, "next_visit_due"])
