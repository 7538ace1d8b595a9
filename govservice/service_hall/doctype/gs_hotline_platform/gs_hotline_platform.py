import frappe
from frappe import _
from frappe.model.document import Document


def private_host(url: str) -> bool:
	"""A callback to this machine or the local network (metadata services, Redis, the site itself)."""
	import ipaddress
	import socket
	from urllib.parse import urlparse

	host = urlparse(url).hostname or ""
	try:
		addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
	except OSError:
		return True  # a host that does not resolve is refused too
	return any(
		(address := ipaddress.ip_address(a.split("%")[0])).is_private
		or address.is_loopback
		or address.is_link_local
		or address.is_reserved
		for a in addresses
	)


class GSHotlinePlatform(Document):
	def validate(self) -> None:
		level, parent = frappe.db.get_value(
			"GS Service Centre", self.county, ["level", "parent_gs_service_centre"]
		) or (None, None)
		if level != "County" or parent:
			frappe.throw(_("Choose the county centre the platform serves."))
		url = (self.callback_url or "").strip()
		# https to the platform's own host; plain http only on a test site (its local test server)
		if url and not (
			url.startswith("https://") or (frappe.conf.get("allow_tests") and url.startswith("http://"))
		):
			frappe.throw(_("The callback URL starts with https://."))
		if url and not frappe.conf.get("allow_tests") and private_host(url):
			frappe.throw(_("The callback URL is the platform's server, not an address of this network."))
		roles = set(frappe.get_roles(self.user))
		if roles - {"GS Hotline Platform", "All", "Guest", "Desk User"}:
			frappe.throw(_("The platform's API user has the role GS Hotline Platform only."))

	def on_update(self) -> None:
		from govservice.service_hall.hotline import ensure_webhook

		ensure_webhook(self)
		# a disabled platform's key opens nothing (its API refuses it too)
		frappe.db.set_value("User", self.user, "enabled", 1 if self.enabled else 0)
