"""Citizen and enterprise accounts: phone-first sign-up with real-name identity, log-in with a password or a
one-time SMS code, and password reset by SMS. Anyone may call these (they are how guests get in); each one
is rate limited and answers in the same words whether or not a number or person already has an account.

An account is a website user (role GS Portal User, no desk access) whose mobile number is verified by a
code, and a GS Portal Profile with the holder's real name and resident ID number (GB 11643), or for an
enterprise its name and unified social credit code (GB 32100) and the handler's name and ID. The e-mail
address is optional: without one the account's user ID is `<mobile>@phone.invalid`, a reserved domain to
which nothing is ever delivered.
"""

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.sessions import clear_sessions
from frappe.utils import cint, now_datetime, validate_email_address
from frappe.utils.password import update_password

from govservice.citizen_portal import sms
from govservice.citizen_portal.utils import PORTAL_ROLE
from govservice.domain.sms_codes import PURPOSES
from govservice.utils import checked_credit_code, checked_phone, checked_resident_id

PHONE_ONLY_DOMAIN = "phone.invalid"


class AccountError(frappe.ValidationError):
	pass


def signups_per_hour() -> int:
	"""Sign-ups allowed per IP address and hour (GS Settings)."""
	return cint(frappe.db.get_single_value("GS Settings", "portal_signups_per_hour")) or 30


def code_checks_per_hour() -> int:
	"""Code log-ins and resets allowed per IP address and hour: enough for a family behind one address,
	too few to try codes at random (each code also allows only a few guesses)."""
	return 60


def _mobile(phone: str) -> str:
	"""The mobile number in its one canonical spelling (ASCII digits), which every code, limit and account
	lookup keys on; other spellings are refused."""
	return checked_phone(phone, AccountError, _("Mobile"), mobile=True)


def user_of_phone(phone: str) -> str | None:
	"""The enabled portal account whose verified mobile number is `phone`."""
	user = frappe.db.get_value("User", {"mobile_no": phone, "enabled": 1}, "name")
	if user and PORTAL_ROLE in frappe.get_roles(user):
		return user
	return None


def _signups_open() -> None:
	if not frappe.db.get_single_value("GS Settings", "allow_portal_signup"):
		frappe.throw(_("Sign-up is disabled."), frappe.PermissionError)


@frappe.whitelist(allow_guest=True, methods=["POST"])
def send_code(phone: str, purpose: str) -> dict:
	"""Text a one-time code to `phone` for `purpose` (signup, login or reset). For log-in and reset a code
	goes out only when the number has an account, but the answer is the same either way, and so is the work
	done before answering: the code is made and stored alike, and a background job on the short queue texts
	it only if the number has an account. A sign-up code is texted at once (every number gets one), so a
	gateway's refusal is told."""
	if purpose not in PURPOSES:
		frappe.throw(_("Unknown purpose."), AccountError)
	if purpose == "signup":
		_signups_open()
	phone = _mobile(phone)
	sms.send_code(phone, purpose, later=purpose != "signup")
	return {"sent": True, "minutes": sms.settings()["minutes"]}


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=signups_per_hour, seconds=60 * 60)
def sign_up(
	phone: str,
	code: str,
	full_name: str,
	id_number: str,
	password: str,
	account_type: str = "Individual",
	enterprise_name: str | None = None,
	credit_code: str | None = None,
	email: str | None = None,
) -> dict:
	"""Create a portal account for the holder of `phone` (proved by the code texted to it) and log in.
	Individual accounts hold the holder's real name and resident ID; enterprise accounts also the
	enterprise's name and credit code. One account per number, per ID number and per e-mail."""
	_signups_open()
	# everything that can be checked is checked before the code is spent: a mistake does not cost a new code
	phone = _mobile(phone)
	if account_type not in ("Individual", "Enterprise"):
		frappe.throw(_("Choose an individual or an enterprise account."), AccountError)
	full_name = (full_name or "").strip()
	if not full_name:
		frappe.throw(_("Enter your real name."), AccountError, title=_("Real Name"))
	id_number = checked_resident_id(id_number, AccountError)
	if account_type == "Enterprise":
		enterprise_name = (enterprise_name or "").strip()
		if not enterprise_name:
			frappe.throw(_("Enter the enterprise's name."), AccountError, title=_("Enterprise"))
		credit_code = checked_credit_code(credit_code, AccountError)
	else:
		enterprise_name = credit_code = None
	email = (email or "").strip().lower() or None
	if email:
		if not validate_email_address(email) or email.endswith("@" + PHONE_ONLY_DOMAIN):
			frappe.throw(_("Enter a real e-mail address or leave it empty."), AccountError, title=_("E-mail"))
	_check_password(password, phone)
	sms.verify_code(phone, "signup", code)
	user_id = email or f"{phone}@{PHONE_ONLY_DOMAIN}"
	taken = (
		frappe.db.exists("User", user_id)
		or frappe.db.exists("User", {"mobile_no": phone})
		or frappe.db.exists("GS Portal Profile", {"id_number": id_number})
	)
	if taken:
		# the same words whoever holds the number, ID or address, so sign-up does not tell who has an account
		frappe.throw(
			_("This account cannot be created. If you already have one, log in or reset your password."),
			AccountError,
		)
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": user_id,
			"first_name": full_name,
			"mobile_no": phone,
			"user_type": "Website User",
			"send_welcome_email": 0,
			"language": frappe.local.lang,
			"new_password": password,
			"roles": [{"role": PORTAL_ROLE}],
		}
	)
	user.insert(ignore_permissions=True)  # self sign-up: a guest creates their own website user
	frappe.get_doc(
		{
			"doctype": "GS Portal Profile",
			"user": user.name,
			"account_type": account_type,
			"full_name": full_name,
			"id_number": id_number,
			"phone": phone,
			"phone_verified_on": now_datetime(),
			"enterprise_name": enterprise_name,
			"credit_code": credit_code,
		}
	).insert(ignore_permissions=True)  # the profile belongs to the account created just above
	if not email:
		_no_notification_email(user.name)
	_log_in(user.name)
	return {"user": user.name, "home": "/my-requests"}


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=code_checks_per_hour, seconds=60 * 60)
def login_with_code(phone: str, code: str) -> dict:
	"""Log in with the code texted to the account's mobile number."""
	phone = _mobile(phone)
	sms.verify_code(phone, "login", code)
	user = user_of_phone(phone)
	if not user:  # a code is only sent to numbers with an account; this is a race with a disabled account
		frappe.throw(_("The code is wrong or has expired. Request a new code."), sms.CodeError)
	_log_in(user)
	return {"user": user, "home": "/my-requests"}


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=code_checks_per_hour, seconds=60 * 60)
def reset_password(phone: str, code: str, new_password: str) -> dict:
	"""Set a new password for the account of `phone`, proved by the code texted to it, and log in."""
	phone = _mobile(phone)
	_check_password(new_password, phone)  # before the code is spent
	sms.verify_code(phone, "reset", code)
	user = user_of_phone(phone)
	if not user:
		frappe.throw(_("The code is wrong or has expired. Request a new code."), sms.CodeError)
	update_password(user, new_password)
	clear_sessions(user, force=True)  # whoever knew the old password is logged out
	_log_in(user)
	return {"user": user, "home": "/my-requests"}


def _log_in(user: str) -> None:
	if getattr(frappe.local, "login_manager", None):
		frappe.local.login_manager.login_as(user)


def _no_notification_email(user: str) -> None:
	"""An account without e-mail hears back by SMS and on the portal; nothing is mailed to its placeholder.
	(Frappe made its Notification Settings when the user was inserted.)"""
	frappe.db.set_value("Notification Settings", user, "enable_email_notifications", 0)


def _check_password(password: str, phone: str) -> None:
	"""At least 8 characters with a letter and a digit, and the site's password policy when it has one."""
	from frappe.core.doctype.user.user import test_password_strength

	password = password or ""
	weak = len(password) < 8 or password.isdigit() or password.isalpha()
	strength = test_password_strength(password, user_data=(phone,))
	if weak or strength.get("feedback", {}).get("password_policy_validation_passed") is False:
		frappe.throw(
			_("The password is too weak: use at least 8 characters, with letters and digits."),
			AccountError,
			title=_("Password"),
		)
