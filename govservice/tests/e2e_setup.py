"""Committed records the browser tests (e2e/) run against: `bench --site … execute
govservice.tests.e2e_setup.prepare`. Idempotent; prints what the browser tests need as JSON."""

import json

import frappe
from frappe.utils.password import update_password

from govservice.organisation.doctype.gs_calendar_year.gs_calendar_year import ensure_calendar_years
from govservice.tests.guard import require_test_site
from govservice.tests.utils import (
	make_agent,
	make_centre,
	make_department,
	make_key_project,
	make_plan_template,
	make_portal_user,
	make_service_item,
	make_user,
	use_site_language,
	use_sms_gateway,
)

STAFF = "e2e.agent@test.govservice"
STAFF_PASSWORD = "e2e-Agent-2026!"
ENTERPRISE = "e2e.enterprise@test.govservice"
ENTERPRISE_PHONE = "13955560001"
ENTERPRISE_PASSWORD = "e2e-Enterprise-2026!"
PROJECT = "浏览器测试茶叶加工厂建设项目"
SMS_GAP_SECONDS = 3


def prepare(sms_url: str = "http://127.0.0.1:8025/send") -> None:
	require_test_site()
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
				{"material_name": "残疾人证", "is_required": 0},  # optional: a notice never asks for it
			],
		)
	dibao = frappe.get_doc("GS Service Item", "E2E-DIBAO")
	if "残疾人证" not in {row.material_name for row in dibao.materials}:
		dibao.append("materials", {"material_name": "残疾人证", "is_required": 0})
		dibao.save()
	project = ensure_key_project(county)
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
				"enterprise_phone": ENTERPRISE_PHONE,
				"enterprise_password": ENTERPRISE_PASSWORD,
				"key_project": project,
			}
		)
	)


def ensure_key_project(county: str) -> str:
	"""An enterprise's key project with its first stage done and the second in hand (one approval with
	deferred materials, 容缺, and a shared material to supply), and the enterprise's portal account."""
	make_portal_user(ENTERPRISE, "Enterprise", full_name="企业经办人", phone=ENTERPRISE_PHONE)
	frappe.db.set_value("User", ENTERPRISE, "mobile_no", ENTERPRISE_PHONE)
	update_password(ENTERPRISE, ENTERPRISE_PASSWORD)
	existing = frappe.db.get_value("GS Key Project", {"project_name": PROJECT})
	if existing:
		return existing
	planning = make_department("浏览器测试自然资源局")
	template = make_plan_template(
		"浏览器测试核准类流程",
		"Enterprise Approval",
		[("立项用地规划许可", planning, 20), ("工程建设许可", planning, 15)],
		[
			("立项用地规划许可", "企业投资项目核准", planning, 10, 1, 1),
			("立项用地规划许可", "建设项目用地预审与选址意见书", planning, 15, 1, 1),
			("工程建设许可", "建设工程规划许可证核发", planning, 10, 1, 1),
		],
	)
	agent = frappe.db.get_value("GS Agent", {"user": STAFF})
	frappe.set_user(STAFF)
	try:
		project = make_key_project(county, agent, project_name=PROJECT, owner_user=ENTERPRISE)
		project.apply_template(template)
		project = frappe.get_doc("GS Key Project", project.name)
		for row in project.approvals:
			if row.item_name == "建设工程规划许可证核发":
				row.decision = "Deferred Materials"
				row.deferred_materials = "建设工程设计方案（承诺10个工作日内补交）"
		project.append(
			"materials",
			{
				"material_name": "土地权属证明",
				"for_approvals": "建设项目用地预审与选址意见书\n建设工程规划许可证核发",
			},
		)
		project.save()
		project.accept_stage()
		# the first stage is done (the enterprise may rate the agency); the second is in hand
		for item in ("企业投资项目核准", "建设项目用地预审与选址意见书"):
			project = frappe.get_doc("GS Key Project", project.name)
			row = next(r for r in project.approvals if r.item_name == item)
			project.record_approval(row.name, "浏览器测试〔2026〕1号")
	finally:
		frappe.set_user("Administrator")
	return project.name
