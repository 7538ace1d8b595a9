import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet

from govservice.domain.organisation_rules import expected_parent_level


class CentreHierarchyError(frappe.ValidationError):
	pass


class GSServiceCentre(NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from govservice.organisation.doctype.gs_service_window.gs_service_window import GSServiceWindow

		address: DF.SmallText | None
		centre_name: DF.Data
		hotline: DF.Data | None
		is_group: DF.Check
		level: DF.Literal["County", "Township", "Village"]
		lft: DF.Int
		official_name: DF.Data
		old_parent: DF.Link | None
		opening_hours: DF.Data | None
		parent_gs_service_centre: DF.Link | None
		rgt: DF.Int
		supervisor: DF.Link | None
		windows: DF.Table[GSServiceWindow]
	# end: auto-generated types
	nsm_parent_field = "parent_gs_service_centre"

	def validate(self) -> None:
		self.validate_hierarchy()
		# Only villages are leaves: county and township centres group the centres below them.
		self.is_group = 0 if self.level == "Village" else 1

	def validate_hierarchy(self) -> None:
		wanted = expected_parent_level(self.level)
		parent_level = (
			frappe.db.get_value("GS Service Centre", self.parent_gs_service_centre, "level")
			if self.parent_gs_service_centre
			else None
		)
		if parent_level == wanted:
			return
		if wanted is None:
			message = _("A county service centre is the top of the network and has no parent centre.")
		else:
			message = _("A {0} centre must be placed under a {1} centre.").format(_(self.level), _(wanted))
		frappe.throw(message, CentreHierarchyError, title=_("Centre Level"))

	def on_update(self) -> None:
		super().on_update()
		from govservice.organisation.utils import sync_centre_scope

		previous = self.get_doc_before_save()
		users = {self.supervisor} | {row.officer for row in self.windows}
		if previous:  # a cleared supervisor or officer loses the scope
			users |= {previous.supervisor} | {row.officer for row in previous.windows}
		for user in users - {None, ""}:
			sync_centre_scope(user, self.name)
