"""The demo county's hall: the comprehensive windows' business categories (seed 001: 医保社保, 公安服务,
市场监管, and an 其他事务代办 window) at the county centre and 走马镇. Idempotent: a category an
administrator changed is left as it is."""

import frappe


def load_hall(hall: dict) -> None:
	for row in hall.get("categories", []):
		if frappe.db.exists("GS Hall Category", row["category_name"]):
			continue
		frappe.get_doc(
			{
				"doctype": "GS Hall Category",
				"category_name": row["category_name"],
				"prefix": row["prefix"],
				"service_minutes": row["service_minutes"],
				"description": row["description"],
				"items": [
					{"service_item": code}
					for code in row["items"]
					if frappe.db.exists("GS Service Item", code)
				],
				"windows": [
					{"service_centre": centre, "window_name": window} for centre, window in row["windows"]
				],
			}
		).insert()
