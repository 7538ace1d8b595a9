"""Committed records the browser tests (e2e/) run against: `bench --site … execute
govservice.tests.e2e_setup.prepare`. Idempotent; prints what the browser tests need as JSON."""

import json

import frappe
from frappe.utils.password import update_password

from govservice.organisation.doctype.gs_calendar_year.gs_calendar_year import ensure_calendar_years
from govservice.tests.utils import (
	make_agent,
	make_centre,
	make_service_item,
	make_user,
	use_site_language,
	use_sms_gateway,
)

STAFF = "e2e.agent@test.govservice"
STAFF_PASSWORD = "e2e-Agent-2026!"
SMS_GAP_SECONDS = 3


def prepare(sms_url: str = "http://127.0.0.1:8025/send") -> None:
	frappe.set_user("Administrator")
	use_site_language()
	use_sms_gateway(sms_url)  # the local gateway scripts/test starts (govservice.tests.sms_gateway)
	year = frappe.utils.getdate().year
	ensure_calendar_years([year, year + 1])
	county = make_centre("浏览器测试县", "County", hotline="0718-5000000")
	make_user(STAFF, roles=("GS Agent",), first_name="李代办")
	update_password(STAFF, STAFF_PASSWORD)
	make_agent(STAFF, county, agent_name="李代办", phone="13800000001", show_on_portal=1)
	if not frappe.db.exists("GS Service Item", "E2E-ONLINE"):
		make_service_item(
			"E2E-ONLINE",
			item_name="城乡居民养老保险参保登记",
			is_published=1,
			offers_online=1,
			offers_door_to_door=1,
			handled_at_township=0,
			handled_at_village=0,
			materials=[
				{"material_name": "居民身份证", "is_required": 1},
				{"material_name": "户口簿", "is_required": 1},
			],
		)
	if not frappe.db.exists("GS Service Item", "E2E-DIBAO"):
		make_service_item(
			"E2E-DIBAO",
			item_name="最低生活保障审核确认",
			search_keywords="低保\n最低生活保障金",
			is_published=1,
			offers_online=1,
			offers_proxy=1,
			handled_at_township=0,
			handled_at_village=0,
			materials=[
				{"material_name": "居民身份证", "is_required": 1},
				{"material_name": "家庭收入证明", "is_required": 1},
			],
		)
	# sign-up, code log-in and texted codes are limited per IP; every run comes from 127.0.0.1
	for method in ("sign_up", "login_with_code", "reset_password"):
		frappe.cache.delete_value(f"rl:govservice.api.account.{method}:127.0.0.1")
	frappe.cache.delete_keys("govservice:sms-code:")
	# the tests text the same number twice within a minute (sign-up, then a log-in code): a short gap here
	frappe.db.set_single_value("GS Settings", "sms_code_gap_seconds", SMS_GAP_SECONDS)
	frappe.db.commit()
	print(
		json.dumps(
			{
				"staff": STAFF,
				"staff_password": STAFF_PASSWORD,
				"item": "E2E-ONLINE",
				"dibao": "E2E-DIBAO",
				"centre": county,
				"sms_gap_seconds": SMS_GAP_SECONDS,
			}
		)
	)
