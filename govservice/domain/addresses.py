"""Which address a request comes from, for limits and login throttling (no Frappe).

Frappe takes the first entry of `X-Forwarded-For`, which is whatever the client wrote: anyone could pick an
address for every request and so dodge every per-address limit, or lock someone else's address out. The
client is the peer that opened the connection, unless that peer is a proxy the site trusts (nginx in front
of gunicorn): then each trusted proxy appended the address it received from, so the header is read from
the right and the first address that is not a trusted proxy is the client.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def networks(trusted: Iterable[str] | str | None) -> list[Network]:
	"""The trusted proxies (`127.0.0.1`, `10.0.0.0/8`, a comma-separated string or a list); entries that
	are not addresses or networks are ignored."""
	if isinstance(trusted, str):
		trusted = trusted.split(",")
	found = []
	for entry in trusted or ():
		try:
			found.append(ipaddress.ip_network(str(entry).strip(), strict=False))
		except ValueError:
			continue
	return found


def _address(text: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
	try:
		return ipaddress.ip_address((text or "").strip())
	except ValueError:
		return None


def _is_trusted(address, trusted: list[Network]) -> bool:
	return any(address.version == net.version and address in net for net in trusted)


def client_address(peer: str | None, forwarded_for: str | None, trusted: Iterable[str] | str | None) -> str:
	"""The client's address: `peer` unless `peer` is a trusted proxy; then the last address in
	`forwarded_for` (read from the right) that is not a trusted proxy. A hop that is not an address ends the
	walk at the hop after it (the address a trusted proxy saw). Without a peer, 127.0.0.1."""
	trusted_networks = networks(trusted)
	peer_address = _address(peer)
	if peer_address is None:
		return "127.0.0.1"
	if not _is_trusted(peer_address, trusted_networks):
		return str(peer_address)
	client = peer_address
	for hop in reversed([part for part in (forwarded_for or "").split(",") if part.strip()]):
		address = _address(hop)
		if address is None:
			break
		client = address
		if not _is_trusted(address, trusted_networks):
			break
	return str(client)
