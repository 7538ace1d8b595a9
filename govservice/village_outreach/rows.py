"""Rows of a collection sheet or a visit are added and changed on their record, never on their own.

Frappe lets a child row be inserted or saved by itself (`POST /api/resource/GS Collection Request` with a
parent, a row's PUT): the row is written without its parent's validation, which checks that a person named
on a row belongs to the sheet's village and is readable by the caller, and that a dispatched row stays as it
was. The sheet's and the visit's forms save their rows with the record; the app's own updates of a row's
case and state write the columns directly. So a row saved on its own is refused.
"""

import frappe
from frappe import _


class RowOfItsRecord:
	def validate(self) -> None:
		raise frappe.PermissionError(
			_("A row is added and changed on its {0}, not on its own.").format(_(self.parenttype or ""))
		)
