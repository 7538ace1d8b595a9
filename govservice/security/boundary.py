"""Where a request enters, before Frappe acts on it: the client's address and the account name of a log-in.

Both run inside Frappe's `HTTPRequest`, before the app's `before_request` hook, so they are installed on
Frappe's classes (`install`, called by the hook on the first request a process serves and by the app's
development server at start):

- `frappe.local.request_ip` is the peer's address, or the last untrusted hop behind the proxies the site
  trusts (site config `trusted_proxies`: addresses or networks; nginx sets `X-Forwarded-For`), never the
  header as the client wrote it (`govservice.domain.addresses`). Per-address limits (the app's codes,
  Frappe's `rate_limit`, log-in throttling) key on it.
- A log-in by mobile number names the account in one spelling: NFKC and ASCII digits, or no account at all
  (MariaDB's collation would otherwise find the account for a number written in other digits). An unknown
  account costs the same password hashing as a known one, so the answer's time does not tell which numbers
  and addresses have accounts.
"""

import frappe

from govservice.domain.addresses import client_address
from govservice.domain.identity import IdentifierRefused, canonical


def trusted_proxies() -> list[str] | str:
	return frappe.conf.get("trusted_proxies") or []


def request_client_address() -> str:
	request = getattr(frappe, "request", None)
	if request is None:
		return "127.0.0.1"
	return client_address(
		request.environ.get("REMOTE_ADDR"), request.headers.get("X-Forwarded-For"), trusted_proxies()
	)


def set_request_ip(http_request=None) -> None:
	frappe.local.request_ip = request_client_address()


def login_name(user_name: str) -> str | None:
	"""The account name a log-in form's `usr` stands for: an e-mail address as typed, a mobile number in its
	canonical form; None for a number in other scripts' digits."""
	text = (user_name or "").strip()
	if not text or not all(char.isdigit() or char in " -+" for char in text):
		return text  # an e-mail address or a user name
	try:
		return canonical(text, "phone")
	except IdentifierRefused:
		return None


_DUMMY_HASH: list[str] = []


def spend_a_password_check(password: str) -> None:
	"""The hashing a wrong password for a known account costs, for an unknown account."""
	from frappe.utils.password import passlibctx

	if not _DUMMY_HASH:
		_DUMMY_HASH.append(passlibctx.hash(frappe.generate_hash(length=16)))
	passlibctx.verify(password or "", _DUMMY_HASH[0])


def install() -> None:
	"""Put the two rules into Frappe's request handling (idempotent)."""
	from frappe.auth import HTTPRequest
	from frappe.core.doctype.user.user import User

	if getattr(HTTPRequest.set_request_ip, "govservice", False):
		return
	original = User.find_by_credentials.__func__

	def find_by_credentials(cls, user_name: str, password: str, validate_password: bool = True):
		name = login_name(user_name)
		user = original(cls, name, password, validate_password) if name else None
		if user is None and validate_password:
			spend_a_password_check(password)
		return user

	set_request_ip.govservice = True
	HTTPRequest.set_request_ip = set_request_ip
	User.find_by_credentials = classmethod(find_by_credentials)
