"""Local stand-ins for China's SMS carriers, checking what the carriers check (no Frappe).

The app talks to Alibaba Cloud SMS and Tencent Cloud SMS through their official SDKs; in tests the SDKs are
pointed at these servers on 127.0.0.1, which verify each request as the carriers document it — the action
and API version, the access key, the request signature (Alibaba Cloud's ACS3-HMAC-SHA256 of its V3
signature, Tencent Cloud's TC3-HMAC-SHA256), the approved signature name, the template and the exact
parameters its variables need — and answer as the carriers do. They deliver nothing; each accepted message
is recorded (`messages`), each refusal too (`refusals`). Written from the carriers' documentation,
independently of the SDKs' own signing code.

    python -m govservice.tests.carrier_fakes --carrier aliyun --port 8031
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import re
import threading
import time
import uuid
from http.server import ThreadingHTTPServer
from urllib.parse import parse_qsl, quote, urlparse

from govservice.tests.sms_gateway import JSONHandler, ServerInThread

ACCESS_KEY_ID = "LTAI-test-govservice"
ACCESS_KEY_SECRET = "test-secret-not-a-real-key"
SIGN_NAME = "鹤峰县政务服务"
SDK_APP_ID = "1400000001"
# approved templates: code -> the variables in the approved text
ALIYUN_TEMPLATES = {
	"SMS_100000001": ("code", "minutes"),
	"SMS_100000002": ("name", "item", "number", "deadline", "agent"),
	"SMS_100000003": ("name", "item", "number", "materials"),
}
TENCENT_TEMPLATES = {"1000001": 2, "1000002": 5, "1000003": 4}  # template ID -> number of {n} variables
MOBILE = re.compile(r"1[3-9][0-9]{9}")


def _rfc3986(value: str) -> str:
	return quote(value, safe="-_.~")


def aliyun_signature(
	method: str, path: str, query: dict, headers: dict, signed: list[str], body: bytes, secret: str
) -> str:
	"""Alibaba Cloud's V3 signature (ACS3-HMAC-SHA256): HMAC-SHA256 of the canonical request's digest."""
	canonical_query = "&".join(
		f"{_rfc3986(k)}={_rfc3986(v)}" for k, v in sorted((str(k), str(v)) for k, v in query.items())
	)
	canonical_headers = "".join(f"{name}:{headers.get(name, '').strip()}\n" for name in signed)
	canonical = "\n".join(
		(
			method.upper(),
			_rfc3986(path).replace("%2F", "/") or "/",
			canonical_query,
			canonical_headers,
			";".join(signed),
			hashlib.sha256(body).hexdigest(),
		)
	)
	to_sign = "ACS3-HMAC-SHA256\n" + hashlib.sha256(canonical.encode()).hexdigest()
	return hmac.new(secret.encode(), to_sign.encode(), hashlib.sha256).hexdigest()


def tencent_signature(
	method: str, host: str, content_type: str, body: bytes, timestamp: int, service: str, secret: str
) -> str:
	"""Tencent Cloud's TC3-HMAC-SHA256 signature of a POST request signing content-type and host."""
	canonical = "\n".join(
		(
			method.upper(),
			"/",
			"",
			f"content-type:{content_type}\nhost:{host}\n",
			"content-type;host",
			hashlib.sha256(body).hexdigest(),
		)
	)
	date = time.strftime("%Y-%m-%d", time.gmtime(timestamp))
	scope = f"{date}/{service}/tc3_request"
	to_sign = f"TC3-HMAC-SHA256\n{timestamp}\n{scope}\n{hashlib.sha256(canonical.encode()).hexdigest()}"

	def sign(key: bytes, message: str) -> bytes:
		return hmac.new(key, message.encode(), hashlib.sha256).digest()

	key = sign(sign(sign(("TC3" + secret).encode(), date), service), "tc3_request")
	return hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()


class _Handler(JSONHandler):
	server: _Server

	def do_GET(self):
		url = urlparse(self.path)
		with self.server.lock:
			if url.path == "/messages":
				return self._answer(200, {"messages": self.server.messages, "refusals": self.server.refusals})
		return self._answer(404, {})

	def do_POST(self):
		url = urlparse(self.path)
		body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
		if url.path == "/fail":  # tests make the carrier refuse the next requests with a code
			self.server.fail_with = json.loads(body or b"{}").get("code")
			return self._answer(200, {})
		headers = {name.lower(): value for name, value in self.headers.items()}
		if self.server.carrier == "aliyun":
			status, answer = self.server.aliyun(self.command, url, headers, body)
		else:
			status, answer = self.server.tencent(headers, body)
		self._answer(status, answer)


class _Server(ThreadingHTTPServer):
	daemon_threads = True

	def __init__(self, address, carrier: str):
		super().__init__(address, _Handler)
		self.carrier = carrier
		self.messages: list[dict] = []
		self.refusals: list[dict] = []
		self.fail_with: str | None = None
		self.lock = threading.Lock()

	def refuse(self, code: str, message: str) -> str:
		with self.lock:
			self.refusals.append({"code": code, "message": message})
		return code

	# --- Alibaba Cloud -----------------------------------------------------------------------------

	def aliyun(self, method: str, url, headers: dict, body: bytes) -> tuple[int, dict]:
		request_id = str(uuid.uuid4())

		def error(status: int, code: str, message: str) -> tuple[int, dict]:
			self.refuse(code, message)
			return status, {"Code": code, "Message": message, "RequestId": request_id}

		query = dict(parse_qsl(url.query, keep_blank_values=True))
		if body and headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
			query.update(parse_qsl(body.decode(), keep_blank_values=True))
		if headers.get("x-acs-action") != "SendSms" or headers.get("x-acs-version") != "2017-05-25":
			return error(400, "InvalidAction.NotFound", "the action or version is not SendSms 2017-05-25")
		match = re.fullmatch(
			r"ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]+)",
			headers.get("authorization", ""),
		)
		if not match:
			return error(400, "MissingAuthorization", "no ACS3-HMAC-SHA256 Authorization header")
		key_id, signed, signature = match.group(1), match.group(2).split(";"), match.group(3)
		if key_id != ACCESS_KEY_ID:
			return error(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
		required = {
			"host",
			"x-acs-action",
			"x-acs-content-sha256",
			"x-acs-date",
			"x-acs-signature-nonce",
			"x-acs-version",
		}
		if not required <= set(signed) or signed != sorted(signed):
			return error(400, "IncompleteSignature", "the signed headers are incomplete or not sorted")
		if headers.get("x-acs-content-sha256") != hashlib.sha256(body).hexdigest():
			return error(400, "IncompleteSignature", "the body does not match x-acs-content-sha256")
		expected = aliyun_signature(
			method,
			url.path or "/",
			dict(parse_qsl(url.query, keep_blank_values=True)),
			headers,
			signed,
			body,
			ACCESS_KEY_SECRET,
		)
		if not hmac.compare_digest(expected, signature):
			return error(400, "SignatureDoesNotMatch", "Specified signature does not match our calculation.")
		if self.fail_with:
			code, self.fail_with = self.fail_with, None
			return error(200, code, "refused as the test asked")
		if query.get("SignName") != SIGN_NAME:
			return error(200, "isv.SMS_SIGNATURE_ILLEGAL", "该账号下找不到对应签名")
		variables = ALIYUN_TEMPLATES.get(query.get("TemplateCode", ""))
		if variables is None:
			return error(200, "isv.SMS_TEMPLATE_ILLEGAL", "该账号下找不到对应模板")
		try:
			params = json.loads(query.get("TemplateParam") or "{}")
		except ValueError:
			return error(200, "isv.INVALID_JSON_PARAM", "JSON参数不合法，只接受字符串值")
		if (
			not isinstance(params, dict)
			or set(params) != set(variables)
			or not all(isinstance(v, str) for v in params.values())
		):
			return error(200, "isv.TEMPLATE_MISSING_PARAMETERS", "模板变量缺少对应参数值")
		if not MOBILE.fullmatch(query.get("PhoneNumbers", "")):
			return error(200, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号")
		with self.lock:
			self.messages.append(
				{"to": query["PhoneNumbers"], "template": query["TemplateCode"], "params": params}
			)
		return 200, {"Code": "OK", "Message": "OK", "BizId": uuid.uuid4().hex[:20], "RequestId": request_id}

	# --- Tencent Cloud -----------------------------------------------------------------------------

	def tencent(self, headers: dict, body: bytes) -> tuple[int, dict]:
		request_id = str(uuid.uuid4())

		def error(code: str, message: str) -> tuple[int, dict]:
			self.refuse(code, message)
			return 200, {"Response": {"Error": {"Code": code, "Message": message}, "RequestId": request_id}}

		if headers.get("x-tc-action") != "SendSms" or headers.get("x-tc-version") != "2021-01-11":
			return error("InvalidAction", "the action or version is not SendSms 2021-01-11")
		match = re.fullmatch(
			r"TC3-HMAC-SHA256 Credential=([^/]+)/(\d{4}-\d{2}-\d{2})/(\w+)/tc3_request, "
			r"SignedHeaders=content-type;host, Signature=([0-9a-f]+)",
			headers.get("authorization", ""),
		)
		if not match:
			return error("AuthFailure.SignatureFailure", "no TC3-HMAC-SHA256 Authorization header")
		secret_id, date, service, signature = match.groups()
		if secret_id != ACCESS_KEY_ID:
			return error("AuthFailure.SecretIdNotFound", "The SecretId is not found.")
		timestamp = int(headers.get("x-tc-timestamp") or 0)
		if abs(time.time() - timestamp) > 300 or time.strftime("%Y-%m-%d", time.gmtime(timestamp)) != date:
			return error("AuthFailure.SignatureExpire", "Signature expired.")
		expected = tencent_signature(
			"POST",
			headers.get("host", ""),
			headers.get("content-type", ""),
			body,
			timestamp,
			service,
			ACCESS_KEY_SECRET,
		)
		if service != "sms" or not hmac.compare_digest(expected, signature):
			return error("AuthFailure.SignatureFailure", "The provided credentials could not be validated.")
		if self.fail_with:
			code, self.fail_with = self.fail_with, None
			return error(code, "refused as the test asked")
		request = json.loads(body or b"{}")
		if request.get("SmsSdkAppId") != SDK_APP_ID:
			return error("FailedOperation.SdkAppIdNotFound", "SdkAppId not found")
		if request.get("SignName") != SIGN_NAME:
			return error("FailedOperation.SignatureIncorrectOrUnapproved", "签名未审批或格式错误")
		count = TENCENT_TEMPLATES.get(str(request.get("TemplateId")))
		if count is None:
			return error("FailedOperation.TemplateIncorrectOrUnapproved", "模板未审批或内容不匹配")
		params = request.get("TemplateParamSet") or []
		if len(params) != count or not all(isinstance(v, str) for v in params):
			return error("InvalidParameterValue.TemplateParameterFormatError", "验证码模板参数格式错误")
		numbers = request.get("PhoneNumberSet") or []
		statuses = []
		for number in numbers:
			ok = number.startswith("+86") and MOBILE.fullmatch(number[3:])
			statuses.append(
				{
					"SerialNo": uuid.uuid4().hex,
					"PhoneNumber": number,
					"Fee": 1 if ok else 0,
					"SessionContext": "",
					"Code": "Ok" if ok else "InvalidParameterValue.IncorrectPhoneNumber",
					"Message": "send success" if ok else "手机号格式错误",
					"IsoCode": "CN",
				}
			)
			if ok:
				with self.lock:
					self.messages.append(
						{"to": number, "template": str(request["TemplateId"]), "params": params}
					)
		return 200, {"Response": {"SendStatusSet": statuses, "RequestId": request_id}}


class FakeCarrier(ServerInThread):
	"""A fake carrier in a background thread on 127.0.0.1 (a free port unless one is given)."""

	def __init__(self, carrier: str, port: int = 0):
		super().__init__(_Server(("127.0.0.1", port), carrier))

	@property
	def endpoint(self) -> str:
		return f"127.0.0.1:{self.server.server_address[1]}"

	@property
	def refusals(self) -> list[dict]:
		with self.server.lock:
			return list(self.server.refusals)

	def fail_next(self, code: str) -> None:
		self.server.fail_with = code


if __name__ == "__main__":
	parser = argparse.ArgumentParser()
	parser.add_argument("--carrier", choices=("aliyun", "tencent"), required=True)
	parser.add_argument("--port", type=int, required=True)
	options = parser.parse_args()
	_Server(("127.0.0.1", options.port), options.carrier).serve_forever()
