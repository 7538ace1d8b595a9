"""督查检查's defaults: the checklist of the window service standards (seed 002), created once and then the
administrators' to change without code."""

import frappe

WINDOW_STANDARDS = "窗口服务标准化检查"
ITEMS = (
	("服务设施", "办事大厅设置咨询台、等候区、便民服务设施，标识清晰", 10),
	("公开公示", "张贴服务指南、办事流程、收费标准和服务承诺，内容与实际一致", 15),
	("人员在岗", "窗口人员按时在岗、佩戴工作牌、AB岗衔接到位", 15),
	("首问负责与一次性告知", "首问负责、一次性告知落实，无推诿", 15),
	("台账记录", "代办台账、工作日志、“办不成事”登记台账完整规范", 15),
	("好差评", "评价器正常使用，差评按期整改回访", 15),
	("限时办结", "办件在承诺时限内办结，超期件有说明", 15),
)


def ensure_inspection_templates() -> None:
	"""The window standards' checklist, once (an administrator's changes are kept)."""
	if frappe.db.exists("GS Inspection Template", WINDOW_STANDARDS):
		return
	frappe.get_doc(
		{
			"doctype": "GS Inspection Template",
			"template_name": WINDOW_STANDARDS,
			"inspection_kind": "Routine",
			"items": [
				{"item": item, "standard": standard, "points": points} for item, standard, points in ITEMS
			],
		}
	).insert(ignore_permissions=True)
