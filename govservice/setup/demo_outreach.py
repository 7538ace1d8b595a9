"""Demo village outreach: in every demo village a few people on the special-group register (one of them
overdue for a visit, one never visited), one earlier visit, and this week's collection sheet waiting to be
dispatched (an urgent request for a county item, a village item, and a neighbour dispute to refer)."""

from __future__ import annotations

import frappe
from frappe.utils import add_days, add_months, getdate, today

from govservice.domain.identity import resident_id_check_char

# (full name, birth date, groups and fields, months on the register, months since the last visit or None)
PEOPLE = (
	("覃", "19380312", {"is_lonely_elderly": 1, "living_situation": "独居,子女在外务工"}, 6, 2),
	(
		"田",
		"19760705",
		{
			"is_disabled": 1,
			"disability_certificate_no": "残证",
			"disability_category": "Physical",
			"disability_grade": "Grade 2",
			"living_situation": "与母亲同住,行动不便",
		},
		4,
		None,
	),
	("向", "20140918", {"is_orphan": 1, "living_situation": "由祖父母抚养"}, 0, None),
)
GIVEN_NAMES = ("秀英", "德明", "小雨")
REQUESTS = (
	("唐", "开无犯罪记录证明(外出务工急用)", "Urgent Need", "422828-GA-003", "19900214"),
	("邓", "为父亲申领高龄津贴", "Minor Need", "422828-MZ-003", "19650402"),
	("龚", "与邻居因排水沟发生纠纷", "Important Need", None, "19700808"),
)


def demo_id(village_index: int, serial: int, birth: str) -> str:
	first17 = f"422828{birth}{(village_index * 10 + serial) % 1000:03d}"
	return first17 + resident_id_check_char(first17)


def load_outreach() -> None:
	villages = frappe.get_all(
		"GS Service Centre", filters={"level": "Village"}, fields=["name", "centre_name"], order_by="lft"
	)
	for index, village in enumerate(villages):
		agent = frappe.db.get_value(
			"GS Agent", {"service_centre": village.name, "is_active": 1}, "name", order_by="creation"
		)
		if not agent or frappe.db.exists("GS Special Group Member", {"service_centre": village.name}):
			continue
		for serial, (family, birth, fields, months_on, months_since) in enumerate(PEOPLE):
			member = frappe.get_doc(
				{
					"doctype": "GS Special Group Member",
					"full_name": family + GIVEN_NAMES[serial],
					"id_number": demo_id(index, serial, birth),
					"phone": f"1397180{index:02d}{serial:02d}",
					"address": f"{village.centre_name}{serial + 1}组",
					"service_centre": village.name,
					"responsible_agent": agent,
					"consent_to_visit": 1,
					"consent_date": add_months(today(), -months_on),
					"registered_on": add_days(add_months(today(), -months_on), -10),
					"preferred_visit_time": "工作日上午",
					**{
						k: (v + f"{index:03d}{serial}" if k == "disability_certificate_no" else v)
						for k, v in fields.items()
					},
				}
			).insert()
			if months_since is not None:
				frappe.get_doc(
					{
						"doctype": "GS Special Group Visit",
						"member": member.name,
						"visit_date": add_months(today(), -months_since),
						"visitors": "村代办员、村医",
						"findings": "身体状况一般,生活基本能自理",
						"contact_card_given": 1,
						"leaflets_given": 1,
					}
				).insert()
		monday = add_days(getdate(today()), -getdate(today()).weekday())
		frappe.get_doc(
			{
				"doctype": "GS Collection Sheet",
				"service_centre": village.name,
				"week_start": monday,
				"collected_on": today(),
				"collected_by": agent,
				"collection_place": f"{village.centre_name}村委会便民服务站",
				"collection_time": "每周一上午",
				"requests": [
					{
						"requester_name": family + "先生",
						"request": request,
						"urgency": urgency,
						"service_item": item,
						"id_number": demo_id(index, 5 + serial, birth),
						"phone": f"1397181{index:02d}{serial:02d}",
						"is_government_matter": 1 if item else 0,
						"reply": None if item else "已请村调委会当日上门调解",
						"referral": None if item else "村人民调解委员会",
					}
					for serial, (family, request, urgency, item, birth) in enumerate(REQUESTS)
				],
			}
		).insert()
