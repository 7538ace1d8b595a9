"""12345 work orders: the platform files a request (a case at the level that handles it) or a 办不成事
complaint with its work-order number, once; reads only its own; the work order follows its case to its
close with the reply; the platform's Webhook calls back, signed, when it closes; payloads are checked."""

import base64
import hashlib
import hmac
import json

import frappe
from frappe.tests.utils import FrappeTestCase

from govservice.api import hotline as api
from govservice.service_hall.hotline import WorkOrderError
from govservice.tests.sms_gateway import LocalGateway
from govservice.tests.utils import VALID_ID_NUMBER, make_agent, make_centre, make_service_item

PLATFORM_USER = "hotline.platform@example.com"
OTHER_USER = "hotline.other@example.com"


def platform_user(email: str) -> str:
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": "12345",
				"send_welcome_email": 0,
				"user_type": "System User",
				"roles": [{"role": "GS Hotline Platform"}],
			}
		).insert(ignore_permissions=True)
	return email


class TestHotlineWorkOrders(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.county = make_centre("热线测试县", "County")
		cls.agent = make_agent("hotline.agent@example.com", cls.county, agent_name="热线代办员")
		cls.item = make_service_item("HOTLINE-ITEM-1", item_name="热线测试事项", is_published=1).name
		for name, user in (("测试12345平台", PLATFORM_USER), ("另一个平台", OTHER_USER)):
			if not frappe.db.exists("GS Hotline Platform", name):
				frappe.get_doc(
					{
						"doctype": "GS Hotline Platform",
						"platform_name": name,
						"user": platform_user(user),
						"county": cls.county,
					}
				).insert()

	def tearDown(self):
		frappe.set_user("Administrator")

	def file(self, **values):
		payload = {
			"work_order_no": "GD20261207001",
			"service_code": self.item,
			"description": "来电反映：<b>想办</b>理热线测试事项",
			"last_name": "张",
			"first_name": "来电",
			"phone": "13912340000",
			"id_number": VALID_ID_NUMBER,
			"centre": self.county,
		}
		payload.update(values)
		return api.create_request(**payload)

	def test_a_request_becomes_a_case_and_its_close_calls_back(self):
		frappe.set_user(PLATFORM_USER)
		answer = self.file()[0]
		order = frappe.get_doc("GS Work Order", answer["service_request_id"])
		self.assertEqual(
			(order.status, order.platform, order.caller_name), ("open", "测试12345平台", "张来电")
		)
		case = frappe.get_doc("GS Case", order.gs_case)
		self.assertEqual((case.intake_channel, case.service_centre), ("Phone or Hotline", self.county))
		self.assertIn("GD20261207001", case.request_note)
		self.assertRaises(WorkOrderError, self.file)  # the same work order again
		self.assertEqual(api.get_request(work_order_no="GD20261207001")[0]["status"], "open")
		frappe.set_user(OTHER_USER)  # another platform reads none of it
		self.assertRaises(frappe.DoesNotExistError, api.get_request, service_request_id=order.name)

		with LocalGateway() as gateway:
			frappe.set_user("Administrator")
			platform = frappe.get_doc("GS Hotline Platform", "测试12345平台")
			platform.callback_url = gateway.callback_url
			platform.save()
			webhook = frappe.get_doc(
				"Webhook", frappe.db.get_value("GS Hotline Platform", platform.name, "webhook")
			)
			self.assertIn("doc.status == 'closed'", webhook.condition)
			from frappe.model.workflow import apply_workflow

			frappe.db.set_value("GS Case", case.name, "result", "已办结：准予")
			frappe.db.set_value("GS Case Material", {"parent": case.name}, "is_received", 1)
			for action in ("Accept", "Start Handling", "Complete"):
				apply_workflow(frappe.get_doc("GS Case", case.name), action)
				order.reload()
				self.assertEqual(order.status, "closed" if action == "Complete" else "open")
			order.reload()
			self.assertEqual((order.status, order.status_notes), ("closed", "已办结：准予"))
			frappe.set_user(PLATFORM_USER)
			self.assertEqual(
				api.get_request(service_request_id=order.name)[0]["status_notes"], "已办结：准予"
			)
			frappe.set_user("Administrator")
			# the webhook as Frappe's worker runs it after the commit
			from frappe.integrations.doctype.webhook.webhook import enqueue_webhook

			enqueue_webhook(order, {"name": webhook.name})
			[callback] = gateway.callbacks
			body = json.loads(callback["body"])
			self.assertEqual((body["work_order_no"], body["status"]), ("GD20261207001", "closed"))
			secret = webhook.get_password("webhook_secret").encode()
			expected = base64.b64encode(hmac.new(secret, json.dumps(body).encode(), hashlib.sha256).digest())
			self.assertEqual(callback["signature"], expected.decode())

	def test_a_complaint_is_registered_and_followed(self):
		frappe.set_user(PLATFORM_USER)
		answer = self.file(work_order_no="GD20261207002", kind="complaint", id_number="", service_code="")[0]
		order = frappe.get_doc("GS Work Order", answer["service_request_id"])
		complaint = frappe.get_doc("GS Complaint", order.gs_complaint)
		self.assertEqual((complaint.channel, complaint.reporter_phone), ("Phone", "13912340000"))
		frappe.set_user("Administrator")
		complaint.reply = "已协调解决"
		complaint.status = "Closed"
		complaint.flags.ignore_permissions = True
		complaint.save()
		order.reload()
		self.assertEqual((order.status, order.status_notes), ("closed", "已协调解决"))

	def test_a_platform_files_in_its_county_only(self):
		other = make_centre("热线外县", "County")
		frappe.set_user(PLATFORM_USER)
		self.assertRaises(WorkOrderError, self.file, work_order_no="GD-OUT-1", centre=other)
		answer = self.file(work_order_no="GD-HOME-1", kind="complaint", id_number="", centre="")[0]
		self.assertEqual(
			frappe.db.get_value("GS Work Order", answer["service_request_id"], "service_centre"), self.county
		)
		frappe.set_user("Administrator")
		platform = frappe.get_doc("GS Hotline Platform", "测试12345平台")
		platform.county = (
			frappe.db.get_value("GS Service Centre", {"parent_gs_service_centre": self.county}) or other
		)
		if platform.county != other:
			self.assertRaises(frappe.ValidationError, platform.save)  # a county centre, not a township
		platform.reload()
		platform.enabled = 0
		platform.save()
		self.assertEqual(frappe.db.get_value("User", PLATFORM_USER, "enabled"), 0)  # its key opens nothing
		platform.enabled = 1
		platform.save()
		self.assertEqual(frappe.db.get_value("User", PLATFORM_USER, "enabled"), 1)

	def test_payloads_are_checked(self):
		frappe.set_user(PLATFORM_USER)
		for bad in (
			{"work_order_no": "<script>"},
			{"work_order_no": "GD-x", "phone": "١٣٩١٢٣٤٠٠٠٠"},  # other digits
			{"work_order_no": "GD-y", "id_number": "110105194912310021"},  # a wrong check digit
			{"work_order_no": "GD-z", "service_code": "NOT-AN-ITEM"},
			{"work_order_no": "GD-w", "kind": "other"},
			{"work_order_no": "GD-v", "lat": "north"},
			{"work_order_no": "GD-u", "centre": "不存在的中心"},
			{"work_order_no": "GD-t", "description": "长" * 3000},
			{"work_order_no": "GD-s", "id_number": ""},  # a request needs the applicant's ID
			{"work_order_no": ["GD-r"]},
		):
			with self.assertRaises(frappe.ValidationError, msg=str(bad)):
				self.file(**bad)
		frappe.set_user("Administrator")
		frappe.db.set_value("GS Hotline Platform", "测试12345平台", "enabled", 0)
		frappe.set_user(PLATFORM_USER)
		self.assertRaises(frappe.PermissionError, api.services)
		frappe.set_user("Administrator")
		frappe.db.set_value("GS Hotline Platform", "测试12345平台", "enabled", 1)
		frappe.set_user("hotline.agent@example.com")  # staff are not a platform
		self.assertRaises(frappe.PermissionError, api.services)
