"""流程定制: an approval plan per project type that administrators edit in the desk."""

from frappe.model.document import Document

from govservice.key_projects.plan import check_plan


class GSProjectPlanTemplate(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from govservice.key_projects.doctype.gs_plan_template_item.gs_plan_template_item import (
			GSPlanTemplateItem,
		)
		from govservice.key_projects.doctype.gs_plan_template_stage.gs_plan_template_stage import (
			GSPlanTemplateStage,
		)

		approvals: DF.Table[GSPlanTemplateItem]
		description: DF.SmallText | None
		project_type: DF.Literal["Government Invested", "Enterprise Approval", "Enterprise Filing"]
		stages: DF.Table[GSPlanTemplateStage]
		template_name: DF.Data
		total_limit_days: DF.Int
	# end: auto-generated types

	def validate(self) -> None:
		check_plan(self)
