import csv
import io

import frappe
from frappe.desk.query_report import run as run_report

from govservice.catalogue.doctype.gs_service_item.gs_service_item import (
	DuplicateItemCodeError,
	FeeBasisError,
	TimeLimitError,
	VagueMaterialError,
	VisitsError,
)
from govservice.tests.utils import FrappeTestCase, make_service_item


class TestGSServiceItem(FrappeTestCase):
	def test_valid_item_is_promised_and_immediate_at_zero(self):
		promised = make_service_item("T-ITEM-001")
		self.assertEqual(promised.handling_kind, "Promised Item")
		immediate = make_service_item("T-ITEM-002", statutory_limit_days=0, promised_limit_days=0)
		self.assertEqual(immediate.handling_kind, "Immediate Item")

	def test_promised_limit_cannot_exceed_statutory(self):
		item = make_service_item("T-ITEM-003", statutory_limit_days=5, promised_limit_days=6, insert=False)
		self.assertRaises(TimeLimitError, item.insert)
		item.promised_limit_days = 5
		item.insert()

	def test_fee_needs_basis_and_standard(self):
		item = make_service_item("T-ITEM-004", is_charged=1, fee_amount=20, insert=False)
		self.assertRaises(FeeBasisError, item.insert)
		item.fee_standard = "20元/证"
		self.assertRaises(FeeBasisError, item.insert)
		item.fee_basis = "《中华人民共和国居民身份证法》第二十条"
		item.insert()
		self.assertEqual(item.fee_amount, 20)

	def test_free_item_keeps_no_fee(self):
		item = make_service_item("T-ITEM-005", is_charged=0, fee_amount=50)
		self.assertEqual(item.fee_amount, 0)

	def test_vague_material_names_are_refused(self):
		for vague in ("其他材料", "户口簿等材料", "相关材料", "other materials", "身份证、户口簿等"):
			item = make_service_item(
				f"T-VAGUE-{abs(hash(vague)) % 10000}",
				materials=[{"material_name": "居民身份证"}, {"material_name": vague}],
				insert=False,
			)
			with self.assertRaises(VagueMaterialError, msg=vague):
				item.insert()

	def test_duplicate_code_is_refused_with_clear_error(self):
		make_service_item("T-ITEM-006")
		with self.assertRaises(DuplicateItemCodeError):
			make_service_item("T-ITEM-006", item_name="另一个事项")

	def test_at_most_one_visit(self):
		self.assertRaises(VisitsError, make_service_item, "T-ITEM-007", max_visits=2)
		self.assertEqual(make_service_item("T-ITEM-008", max_visits=1).max_visits, 1)

	def test_needs_a_level(self):
		with self.assertRaises(frappe.ValidationError):
			make_service_item("T-ITEM-009", handled_at_county=0, handled_at_township=0, handled_at_village=0)

	def test_changes_are_tracked(self):
		item = frappe.get_doc("GS Service Item", make_service_item("T-ITEM-010").name)
		item.promised_limit_days = 8
		item.save(ignore_version=False)  # FrappeTestCase skips versions unless asked
		self.assertTrue(frappe.db.exists("Version", {"ref_doctype": "GS Service Item", "docname": item.name}))

	def test_channel_lists_filter_by_channel_level_and_publication(self):
		make_service_item(
			"T-LIST-1", is_published=1, offers_proxy=1, handled_at_county=0, handled_at_township=0
		)
		make_service_item("T-LIST-2", is_published=1, offers_proxy=0, offers_door_to_door=1)
		make_service_item("T-LIST-3", is_published=0, offers_proxy=1)
		make_service_item(
			"T-LIST-4", is_published=1, offers_proxy=1, offers_online=1, handled_at_village=0, offers_joint=1
		)

		def codes(report, **filters):
			result = run_report(report, filters=filters)
			return {row["item_code"] for row in result["result"] if row["item_code"].startswith("T-LIST")}

		self.assertEqual(codes("Proxy Service Item List"), {"T-LIST-1", "T-LIST-4"})
		self.assertEqual(codes("Proxy Service Item List", level="Village"), {"T-LIST-1"})
		self.assertEqual(codes("Proxy Service Item List", level="County"), {"T-LIST-4"})
		self.assertEqual(codes("Door-to-Door Service Item List"), {"T-LIST-2"})
		self.assertEqual(codes("Online Service Item List"), {"T-LIST-4"})
		self.assertEqual(codes("Joint Handling Item List"), {"T-LIST-4"})

	def test_channel_list_exports_to_excel(self):
		from io import BytesIO

		from frappe.desk.query_report import export_query
		from openpyxl import load_workbook

		make_service_item("T-XLSX-1", item_name="残疾人两项补贴申请", is_published=1, offers_proxy=1)
		rows = run_report("Proxy Service Item List", filters={"level": "Village"})["result"]
		frappe.local.form_dict = frappe._dict(
			report_name="Proxy Service Item List",
			file_format_type="Excel",
			filters=frappe.as_json({"level": "Village"}),
			visible_idx=frappe.as_json(list(range(len(rows)))),
		)
		try:
			export_query()
			content = frappe.response["filecontent"]
		finally:
			frappe.local.form_dict = frappe._dict()
			frappe.response.pop("filecontent", None)
		sheet = load_workbook(BytesIO(content)).active
		cells = {str(cell.value) for row in sheet.iter_rows() for cell in row}
		self.assertIn("T-XLSX-1", cells)
		self.assertIn("残疾人两项补贴申请", cells)

	def test_service_guide_prints_the_guide(self):
		item = make_service_item(
			"T-PRINT-1",
			item_name="高龄津贴申领",
			materials=[
				{"material_name": "居民身份证", "material_form": "Original"},
				{"material_name": "户口簿"},
			],
		)
		frappe.local.lang = "zh"
		try:
			html = frappe.get_print("GS Service Item", item.name, print_format="GS Service Guide")
		finally:
			frappe.local.lang = "en"
		for text in (
			"高龄津贴申领",
			"办事指南",
			"居民身份证",
			"户口簿",
			"《社会救助暂行办法》",
			"国务院令第649号",
		):
			self.assertTrue(text in html, f"{text} missing from the printed guide")


class TestServiceItemDataImport(FrappeTestCase):
	"""Data Import commits, so this test lives alone and removes what it imported."""

	def tearDown(self):
		for name in frappe.get_all("GS Service Item", filters={"name": ["like", "T-IMP-%"]}, pluck="name"):
			frappe.delete_doc("GS Service Item", name, force=True)
		frappe.db.commit()  # undo what the import committed

	def test_bulk_import_with_data_import(self):
		header = [
			"Service Item Code",
			"Service Item Name",
			"Service Item Type",
			"Implementing Body",
			"Serves",
			"Statutory Time Limit (Working Days)",
			"Promised Time Limit (Working Days)",
			"Village Station",
			"Acceptance Conditions",
			"Law or Regulation (Legal Basis)",
			"Material (Required Materials)",
		]
		rows = [
			[
				"T-IMP-1",
				"临时救助申请",
				"Administrative Payment",
				"鹤峰县民政局",
				"Individual",
				20,
				10,
				1,
				"困难群众",
				"《社会救助暂行办法》",
				"居民身份证",
			],
			["", "", "", "", "", "", "", "", "", "", "户口簿"],
			[
				"T-IMP-2",
				"高龄津贴申领",
				"Administrative Payment",
				"鹤峰县民政局",
				"Individual",
				15,
				5,
				1,
				"80周岁以上",
				"《湖北省老年人权益保障条例》",
				"居民身份证",
			],
			[
				"T-IMP-3",
				"超时事项",
				"Administrative Payment",
				"鹤峰县民政局",
				"Individual",
				5,
				9,
				1,
				"无",
				"《社会救助暂行办法》",
				"居民身份证",
			],
		]
		buffer = io.StringIO()
		csv.writer(buffer).writerows([header, *rows])
		upload = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "service_items.csv",
				"content": buffer.getvalue(),
				"is_private": 1,
			}
		).insert()
		data_import = frappe.get_doc(
			{
				"doctype": "Data Import",
				"reference_doctype": "GS Service Item",
				"import_type": "Insert New Records",
				"import_file": upload.file_url,
			}
		).insert()
		data_import.start_import()  # runs at once in tests, in a worker otherwise

		data_import.reload()
		self.assertEqual(data_import.status, "Partial Success")
		first = frappe.get_doc("GS Service Item", "T-IMP-1")
		self.assertEqual([m.material_name for m in first.materials], ["居民身份证", "户口簿"])
		self.assertEqual(first.handling_kind, "Promised Item")
		self.assertTrue(frappe.db.exists("GS Service Item", "T-IMP-2"))
		# the row whose promised limit exceeds the statutory one is refused, with the reason logged
		self.assertFalse(frappe.db.exists("GS Service Item", "T-IMP-3"))
		failed = frappe.get_all(
			"Data Import Log", filters={"data_import": data_import.name, "success": 0}, pluck="messages"
		)
		messages = [entry["message"] for log in failed for entry in frappe.parse_json(log)]
		self.assertTrue(any("statutory" in m or "法定办结时限" in m for m in messages), messages)
