"""Texts through China's SMS carriers, with their official SDKs.

A carrier (阿里云短信, 腾讯云短信) sends only an approved template with an approved signature; the app's texts
are message kinds with named parameters (govservice.domain.sms_kinds), and GS SMS Settings say which carrier,
its keys (stored encrypted), its signature and the template code approved for each kind. Without a carrier
the text goes out as written through Frappe's SMS Settings (a generic HTTP gateway).

A refusal is logged without the message's parameters (a code is among them), retried where the carrier says
the refusal is passing (throttling, a busy service, the network), recorded on GS SMS Settings for the
administrator and told to the county's administrators in the desk at most once an hour; the sender gets
`SMSError` with a message for the citizen.
"""

from __future__ import annotations

import json
import time

import frappe
from frappe import _
from frappe.utils import now_datetime

from govservice.domain.sms_kinds import positional, template_parameters

GENERIC = "Generic HTTP Gateway"
ALIYUN = "Alibaba Cloud SMS"
TENCENT = "Tencent Cloud SMS"
ATTEMPTS = 3
# refusals the carriers document as passing: worth another try a moment later
RETRYABLE = {
	ALIYUN: {"Throttling", "Throttling.User", "ServiceUnavailable", "InternalError", "isp.SYSTEM_ERROR"},
	TENCENT: {
		"RequestLimitExceeded",
		"InternalError",
		"InternalError.Timeout",
		"FailedOperation.ServiceBusy",
	},
}


class Refusal(Exception):
	def __init__(self, code: str, message: str, retryable: bool):
		super().__init__(code)
		self.code, self.message, self.retryable = code, message, retryable


def settings():
	return frappe.get_cached_doc("GS SMS Settings")


def uses_carrier() -> bool:
	return (frappe.db.get_single_value("GS SMS Settings", "provider") or GENERIC) != GENERIC


def send(phone: str, kind: str, values: dict, text: str) -> None:
	"""Send one text to `phone`: the kind's approved template with `values` as its parameters through the
	carrier, or `text` as written through the generic gateway. Raises SMSError when it cannot go out."""
	conf = settings()
	if conf.provider == GENERIC:
		from govservice.citizen_portal.sms import send_text

		send_text(phone, text)
		return
	template = next((row.template_code for row in conf.templates if row.message_kind == kind), None)
	if not template:
		failed(conf, kind, Refusal("NoTemplate", f"no approved template is mapped for {kind}", False))
	parameters = template_parameters(kind, values)
	adapter = {ALIYUN: send_aliyun, TENCENT: send_tencent}[conf.provider]
	for attempt in range(1, ATTEMPTS + 1):
		try:
			adapter(conf, phone, template, kind, parameters)
			return
		except Refusal as refusal:
			if refusal.retryable and attempt < ATTEMPTS:
				time.sleep(0.5 * attempt)
				continue
			failed(conf, kind, refusal)


def failed(conf, kind: str, refusal: Refusal) -> None:
	"""Record the refusal (never the parameters or the number) and raise SMSError. The record is written by
	a job queued at once: the error rolls back what this request wrote."""
	from govservice.citizen_portal.sms import SMSError

	note = f"{conf.provider} · {kind} · {refusal.code}: {refusal.message}"[:300]
	frappe.enqueue(
		"govservice.citizen_portal.carriers.record_refusal",
		queue="short",
		note=note,
		on=now_datetime(),
		enqueue_after_commit=False,
	)
	frappe.throw(_("The text message could not be sent. Please try again later."), SMSError)


def record_refusal(note: str, on) -> None:
	"""The Error Log, GS SMS Settings' last failure, and the administrators told (at most once an hour)."""
	frappe.log_error(title="SMS carrier refused a text", message=note)
	frappe.db.set_single_value("GS SMS Settings", {"last_failure": note, "last_failure_on": on})
	frappe.db.commit()
	tell_administrators(note)


def tell_administrators(note: str) -> None:
	if frappe.cache.get_value("govservice:sms-refusal-told", expires=True):
		return
	from govservice.casework.reminders import Alerts

	users = {
		row.parent
		for row in frappe.get_all(
			"Has Role", filters={"role": "GS Administrator", "parenttype": "User"}, fields=["parent"]
		)
	}
	alerts = Alerts("GS SMS Settings")
	alerts.add(
		"GS SMS Settings",
		_("The SMS carrier refused a text: {0}").format(frappe.utils.escape_html(note)),
		users,
	)
	alerts.send(now_datetime(), email=False, title="")
	frappe.db.commit()
	frappe.cache.set_value("govservice:sms-refusal-told", 1, expires_in_sec=3600)


def endpoint_of(conf, default: str) -> tuple[str, str]:
	"""(host[:port], protocol) of the carrier: its own over HTTPS, or the endpoint GS SMS Settings name
	(`http://127.0.0.1:8031` for a local stand-in)."""
	endpoint = (conf.endpoint or "").strip()
	if not endpoint:
		return default, "https"
	if "://" in endpoint:
		scheme, _sep, host = endpoint.partition("://")
		return host.rstrip("/"), scheme
	return endpoint.rstrip("/"), "https"


def send_aliyun(conf, phone: str, template: str, kind: str, parameters: dict) -> None:
	"""SendSms of Dysmsapi 2017-05-25 with the official SDK (alibabacloud-dysmsapi20170525)."""
	from alibabacloud_dysmsapi20170525 import models
	from alibabacloud_dysmsapi20170525.client import Client
	from alibabacloud_tea_openapi.utils_models import Config
	from darabonba.runtime import RuntimeOptions

	host, protocol = endpoint_of(conf, "dysmsapi.aliyuncs.com")
	client = Client(
		Config(
			access_key_id=conf.access_key_id,
			access_key_secret=conf.get_password("access_key_secret"),
			endpoint=host,
			protocol=protocol,
		)
	)
	request = models.SendSmsRequest(
		phone_numbers=phone,
		sign_name=conf.sign_name,
		template_code=template,
		template_param=json.dumps(parameters, ensure_ascii=False),
	)
	try:
		response = client.send_sms_with_options(
			request, RuntimeOptions(autoretry=False, read_timeout=10000, connect_timeout=5000)
		)
	except Exception as error:  # the SDK raises for HTTP errors (signature, key) and the network alike
		# its text may quote the request (the number, the parameters): only its code is kept
		code = getattr(error, "code", None)
		raise Refusal(str(code or type(error).__name__), "", not code or code in RETRYABLE[ALIYUN]) from None
	body = response.body
	if body.code != "OK":
		raise Refusal(body.code, body.message or "", body.code in RETRYABLE[ALIYUN])


def send_tencent(conf, phone: str, template: str, kind: str, parameters: dict) -> None:
	"""SendSms of SMS 2021-01-11 with the official SDK (tencentcloud-sdk-python-sms)."""
	from tencentcloud.common import credential
	from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
	from tencentcloud.common.profile.client_profile import ClientProfile
	from tencentcloud.common.profile.http_profile import HttpProfile
	from tencentcloud.sms.v20210111 import models, sms_client

	host, protocol = endpoint_of(conf, "sms.tencentcloudapi.com")
	profile = HttpProfile(protocol=protocol, endpoint=host, reqTimeout=10)
	client = sms_client.SmsClient(
		credential.Credential(conf.access_key_id, conf.get_password("access_key_secret")),
		conf.region or "ap-guangzhou",
		ClientProfile(httpProfile=profile),
	)
	request = models.SendSmsRequest()
	request.PhoneNumberSet = [f"+86{phone}"]
	request.SmsSdkAppId = conf.sdk_app_id
	request.SignName = conf.sign_name
	request.TemplateId = template
	request.TemplateParamSet = positional(kind, parameters)
	try:
		response = client.SendSms(request)
	except TencentCloudSDKException as error:
		code = error.get_code() or "TencentCloudSDKException"
		raise Refusal(code, "", code in RETRYABLE[TENCENT] or code == "ClientNetworkError") from None
	status = (response.SendStatusSet or [None])[0]
	if status is None or status.Code != "Ok":
		code = status.Code if status else "NoStatus"
		raise Refusal(code, status.Message if status else "", code in RETRYABLE[TENCENT])


def kind_values(kind: str, doc) -> dict:
	"""The parameters of a text of `kind` about `doc` (a case, a rectification, a supervision alert)."""
	from govservice.printing.jinja import gs_clause, gs_date, gs_notice_materials

	if doc.doctype == "GS Rectification":
		return {"number": doc.gs_case, "outcome": gs_clause(doc.outcome)}
	if doc.doctype == "GS Supervision Alert":
		return {
			"name": doc.get("responsible_name"),
			"level": _(doc.get("level"), lang="zh"),
			"subject": doc.get("subject"),
			"number": doc.name,
			"deadline": gs_date(doc.get("due_date"), "zh"),
		}
	if doc.doctype == "GS Appointment":
		return {
			"name": doc.get("applicant_name"),
			"centre": frappe.db.get_value("GS Service Centre", doc.get("service_centre"), "official_name"),
			"category": doc.get("category"),
			"time": f"{gs_date(doc.get('appointment_date'), 'zh')} {doc.get('slot_start')}",
			"code": doc.get("check_in_code"),
		}
	delivery = {
		"EMS": _("sent by EMS, number {0}", lang="zh").format(doc.get("ems_tracking_number") or ""),
		"Electronic Certificate": _("issued as an electronic certificate", lang="zh"),
	}.get(doc.get("delivery_method"), _("ready for pickup at the window", lang="zh"))
	return {
		"name": doc.get("applicant_name"),
		"item": doc.get("item_name"),
		"number": doc.name,
		"deadline": gs_date(doc.get("deadline_date"), "zh"),
		"agent": doc.get("agent_name"),
		"materials": gs_notice_materials(doc.name) if kind == "One-Time Notice" else "",
		"delivery": delivery,
		"reason": gs_clause(doc.get("termination_reason") or doc.get("not_accepted_reason")),
	}
