"""Site setup for a county: ERPNext's setup wizard for China, a scheduler that runs, demo data."""

import frappe
from frappe.utils import getdate, now_datetime

COUNTY_COMPANY = "鹤峰县政务服务中心"


def complete_setup_wizard(company_name: str = COUNTY_COMPANY) -> None:
	"""Complete ERPNext's setup wizard non-interactively: China, CNY, Simplified Chinese, Asia/Shanghai."""
	if frappe.is_setup_complete():
		return
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	year = getdate().year
	language = frappe.db.get_value("Language", "zh", "language_name") or "zh"
	setup_complete(
		{
			"language": language,
			"country": "China",
			"timezone": "Asia/Shanghai",
			"currency": "CNY",
			"full_name": "政务服务管理员",
			"email": "admin@govservice.localhost",
			"password": frappe.generate_hash(length=16),
			"company_name": company_name,
			"company_abbr": "GSC",
			"chart_of_accounts": "Standard",
			"fy_start_date": f"{year}-01-01",
			"fy_end_date": f"{year}-12-31",
			"industry": "Government",
			"setup_demo": 0,
		}
	)
	frappe.db.commit()  # setup_complete commits its own stages; keep the rest consistent
	set_china_formats()
	reset_scheduler_clock()


CHINA_FORMATS = {"date_format": "yyyy-mm-dd", "first_day_of_the_week": "Monday"}


def set_china_formats() -> None:
	"""Dates as 2026-11-23 and weeks starting on Monday, as Chinese offices write them.

	The desk reads these from the system defaults, which System Settings writes only when it is saved
	through its controller: both are set here."""
	frappe.db.set_single_value("System Settings", CHINA_FORMATS)
	for key, value in CHINA_FORMATS.items():
		frappe.db.set_default(key, value)
	frappe.clear_cache()


def reset_scheduler_clock() -> None:
	"""Make every scheduled job due from now on.

	The setup wizard moves the site to Asia/Shanghai after the jobs were created in the old time zone, so
	their last execution times can lie hours in the future and nothing would run until then.
	"""
	frappe.db.sql("update `tabScheduled Job Type` set last_execution = %s", (now_datetime(),))
	frappe.db.commit()
