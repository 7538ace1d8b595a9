"""The demo county on the test site, for the desk browser tests (e2e/test_desk.py):
`bench --site … execute govservice.tests.desk_setup.prepare`. Idempotent; prints what the tests need."""

import json

import frappe

from govservice.setup.demo import DEMO_PASSWORD, load_demo
from govservice.tests.utils import use_site_language

USERS = {
	"village_agent": "a10@demo.govservice.localhost",  # 走马镇金龙村便民服务站
	"county_agent": "a1@demo.govservice.localhost",
	"window": "window@demo.govservice.localhost",
	"lead": "lead@demo.govservice.localhost",
	"supervisor": "supervisor@demo.govservice.localhost",  # 走马镇
	"contact": "contact@demo.govservice.localhost",  # 县人力资源和社会保障局
	"leader": "leader@demo.govservice.localhost",
	"housing": "housing@demo.govservice.localhost",  # 县住房和城乡建设局's contact (key projects)
	"supervisory": "supervisory@demo.govservice.localhost",
	"administrator": "gsadmin@demo.govservice.localhost",
}
ITEMS = {
	"village": "422828-GA-001",  # 居民身份证换领: handled at every level
	"county": "422828-GA-003",  # 无犯罪记录证明开具: county and township only
	"joint": "422828-GA-002",  # 新生儿出生“一件事”
}


def prepare() -> None:
	frappe.set_user("Administrator")
	use_site_language()
	if not frappe.db.exists("User", USERS["housing"]):
		load_demo()  # idempotent: adds what a newer demo has
	frappe.db.commit()
	company = frappe.db.get_value("Company", {}, "name")
	abbr = frappe.get_cached_value("Company", company, "abbr")
	print(
		json.dumps(
			{
				"password": DEMO_PASSWORD,
				"users": USERS,
				"items": ITEMS,
				"item_names": {
					k: frappe.db.get_value("GS Service Item", v, "item_name") for k, v in ITEMS.items()
				},
				"outreach_items": {
					"village": "422828-MZ-003",  # 高龄津贴申领: at the village
					"village_name": frappe.db.get_value("GS Service Item", "422828-MZ-003", "item_name"),
					"county": ITEMS["county"],
					"county_name": frappe.db.get_value("GS Service Item", ITEMS["county"], "item_name"),
				},
				"departments": {
					"social": f"县人力资源和社会保障局 - {abbr}",
					"health": f"县医疗保障局 - {abbr}",
				},
			},
			ensure_ascii=False,
		)
	)
