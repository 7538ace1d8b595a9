"""SMS for citizens: one-time codes for sign-up, log-in and password reset, through the carrier of GS SMS
Settings (its approved verification-code template) or the gateway configured in Frappe's SMS Settings.

Applicant notifications (accepted, one-time notice, completed…) are Notification records with the SMS channel
and go through Frappe's own `send_sms`, which keeps an SMS Log. A one-time code must not be kept anywhere:
it is sent here, with the same SMS Settings, without an SMS Log, and only a keyed hash of it stays in Redis
until it is used or expires (govservice.domain.sms_codes).
"""

import time

import frappe
import requests
from frappe import _
from frappe.utils import cint

from govservice.citizen_portal import carriers
from govservice.domain import sms_codes
from govservice.domain.identity import is_valid_mobile

GATEWAY_TIMEOUT_SECONDS = 10


class SMSError(frappe.ValidationError):
	pass


class SMSRateLimitError(frappe.TooManyRequestsError):
	pass


class CodeError(frappe.ValidationError):
	pass


def settings() -> dict:
	"""The code rules from GS Settings, with their defaults."""
	values = frappe.db.get_value(
		"GS Settings",
		"GS Settings",
		[
			"sms_code_minutes",
			"sms_code_attempts",
			"sms_codes_per_number_per_hour",
			"sms_codes_per_ip_per_hour",
			"sms_code_gap_seconds",
		],
		as_dict=True,
	)
	return {
		"minutes": cint(values.sms_code_minutes) or 5,
		"attempts": cint(values.sms_code_attempts) or 5,
		"per_number": cint(values.sms_codes_per_number_per_hour),
		"per_ip": cint(values.sms_codes_per_ip_per_hour),
		"gap": cint(values.sms_code_gap_seconds),
	}


def send_text(phone: str, text: str) -> None:
	"""Send `text` to one number through SMS Settings' gateway, keeping no log of the text. Raises SMSError
	when no gateway is set up or it refuses."""
	config = frappe.get_cached_doc("SMS Settings")
	if not config.sms_gateway_url:
		frappe.throw(_("Text messages are not set up on this site; call the service centre."), SMSError)
	params, headers = {}, {"Accept": "text/plain, text/html, */*"}
	for row in config.get("parameters"):
		if row.header:
			headers[row.parameter] = row.value
		else:
			params[row.parameter] = row.value
	params[config.message_parameter] = text
	params[config.receiver_parameter] = phone
	options = {"headers": headers, "timeout": GATEWAY_TIMEOUT_SECONDS}
	if headers.get("Content-Type") == "application/json":
		options["json"] = params
	elif config.use_post:
		options["data"] = params
	else:
		options["params"] = params
	try:
		response = (requests.post if config.use_post else requests.get)(config.sms_gateway_url, **options)
		response.raise_for_status()
	except requests.RequestException as error:
		# the URL may carry the code (GET); log only what failed, never the request
		frappe.log_error(
			title="SMS gateway refused a one-time code",
			message=f"{type(error).__name__}: status {getattr(error.response, 'status_code', None)}",
		)
		frappe.throw(_("The text message could not be sent. Please try again later."), SMSError)


def _cache_key(*parts: str) -> str:
	return "govservice:sms-code:" + ":".join(parts)  # frappe.cache prefixes it with the site


def _sends(key: str, now: float) -> list[float]:
	return sms_codes.recent_sends(frappe.cache.get_value(key, expires=True) or [], now)


def check_send_limits(phone: str, ip: str | None) -> None:
	"""Refuse another code to `phone` (or from `ip`) beyond GS Settings' limits."""
	rules, now = settings(), time.time()
	for key, per_hour, gap in (
		(_cache_key("sent-to", phone), rules["per_number"], rules["gap"]),
		(_cache_key("sent-from", ip or "-"), rules["per_ip"], 0),
	):
		allowed, wait = sms_codes.may_send(_sends(key, now), now, per_hour, gap)
		if not allowed:
			frappe.throw(
				_("Too many codes were requested. Please wait {0} seconds and try again.").format(wait),
				SMSRateLimitError,
				title=_("Too Many Requests"),
			)


def _record_send(phone: str, ip: str | None) -> None:
	now = time.time()
	for key in (_cache_key("sent-to", phone), _cache_key("sent-from", ip or "-")):
		frappe.cache.set_value(key, [*_sends(key, now), now], expires_in_sec=3600)


def send_code(phone: str, purpose: str, later: bool = False) -> None:
	"""Make a code for `phone` (canonical) and `purpose`, store its hash and text it. Counts towards the
	send limits. With `later`, a job on the short queue texts it, and only if the number has a portal
	account: the request does the same work whether or not it has one (log-in and reset codes)."""
	if not is_valid_mobile(phone):
		frappe.throw(_("Enter a mobile number of 11 digits."), CodeError, title=_("Mobile"))
	ip = getattr(frappe.local, "request_ip", None)
	check_send_limits(phone, ip)
	rules = settings()
	code = sms_codes.new_code()
	stored = sms_codes.issue(
		frappe.local.conf.secret_key or frappe.local.site,
		phone,
		purpose,
		code,
		time.time(),
		rules["minutes"],
		rules["attempts"],
	)
	_record_send(phone, ip)
	frappe.cache.set_value(
		_cache_key("code", purpose, phone), stored.to_dict(), expires_in_sec=rules["minutes"] * 60
	)
	if not later:
		carriers.send(
			phone,
			"Verification Code",
			{"code": code, "minutes": rules["minutes"]},
			code_text(code, rules["minutes"]),
		)
		return
	from frappe.utils.password import encrypt

	# the code travels to the job encrypted with the site's key: the queue is Redis, which keeps job arguments
	frappe.enqueue(
		"govservice.citizen_portal.sms.deliver_code",
		queue="short",
		now=bool(frappe.flags.in_test),
		phone=phone,
		purpose=purpose,
		sealed=encrypt(code),
		minutes=rules["minutes"],
	)


def code_text(code: str, minutes: int) -> str:
	return _(
		"{0}: your verification code is {1}. It is valid for {2} minutes. Do not tell it to anyone."
	).format(portal_name(), code, minutes)


def deliver_code(phone: str, purpose: str, sealed: str, minutes: int) -> None:
	"""Background job: text a log-in or reset code if `phone` has a portal account (otherwise nothing)."""
	from frappe.utils.password import decrypt

	from govservice.api.account import user_of_phone

	if not user_of_phone(phone):
		return
	code = decrypt(sealed)
	try:
		carriers.send(
			phone, "Verification Code", {"code": code, "minutes": minutes}, code_text(code, minutes)
		)
	except SMSError:
		frappe.clear_last_message()  # logged by the sender, without the code


def verify_code(phone: str, purpose: str, code: str) -> None:
	"""Spend the code sent to `phone` for `purpose`; raise CodeError, in the same words whatever went wrong,
	unless it is right and current."""
	key = _cache_key("code", purpose, phone)
	value = frappe.cache.get_value(key, expires=True)
	stored = sms_codes.StoredCode.from_dict(value) if value else None
	result = sms_codes.check(
		stored, frappe.local.conf.secret_key or frappe.local.site, phone, purpose, code or "", time.time()
	)
	if result.keep:
		remaining = max(int(result.keep.expires_at - time.time()), 1)
		frappe.cache.set_value(key, result.keep.to_dict(), expires_in_sec=remaining)
	else:
		frappe.cache.delete_value(key)
	if not result.ok:
		frappe.throw(
			_("The code is wrong or has expired. Request a new code."),
			CodeError,
			title=_("Verification Code"),
		)


DEFAULT_PORTAL_NAME = "Government Service Portal"


def portal_name(lang: str | None = None) -> str:
	"""The portal's name as citizens know it (GS Settings), for texts and pages; the default name in the
	reader's language until the county sets its own."""
	return _(frappe.db.get_single_value("GS Settings", "portal_name") or DEFAULT_PORTAL_NAME, lang=lang)
