from govservice.security.rows import ParentScopedRow


class GSCaseTask(ParentScopedRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		completed_date: DF.Date | None
		department: DF.Link
		department_name: DF.Data | None
		is_lead: DF.Check
		notes: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		task_deadline_date: DF.Date | None
		task_status: DF.Literal["Handling", "Finished"]
	# end: auto-generated types
	pass
