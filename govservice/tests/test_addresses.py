"""The client's address: the peer's, unless the peer is a trusted proxy (no Frappe)."""

import unittest

from hypothesis import given, settings
from hypothesis import strategies as st

from govservice.domain.addresses import client_address, networks


class TestClientAddress(unittest.TestCase):
	def test_without_trusted_proxies_the_header_is_ignored(self) -> None:
		self.assertEqual(client_address("10.77.0.9", "10.77.0.2", []), "10.77.0.9")
		self.assertEqual(client_address("10.77.0.9", "10.77.0.3, 1.2.3.4", None), "10.77.0.9")
		self.assertEqual(client_address("203.0.113.5", None, ""), "203.0.113.5")

	def test_behind_a_trusted_proxy_the_last_untrusted_hop_is_the_client(self) -> None:
		trusted = ["127.0.0.1"]
		# nginx overwrites the header with the address it received from
		self.assertEqual(client_address("127.0.0.1", "203.0.113.5", trusted), "203.0.113.5")
		# nginx appends: whatever the client wrote stays on the left and is not believed
		self.assertEqual(client_address("127.0.0.1", "10.77.0.2, 203.0.113.5", trusted), "203.0.113.5")
		# two proxies of the site's own network
		self.assertEqual(
			client_address("127.0.0.1", "6.6.6.6, 198.51.100.7, 10.0.0.4", ["127.0.0.1", "10.0.0.0/8"]),
			"198.51.100.7",
		)

	def test_a_proxy_that_is_not_trusted_is_the_client(self) -> None:
		self.assertEqual(client_address("192.0.2.1", "203.0.113.5", ["127.0.0.1"]), "192.0.2.1")

	def test_garbage_in_the_header_is_not_an_address(self) -> None:
		self.assertEqual(client_address("127.0.0.1", "<script>, 203.0.113.5", ["127.0.0.1"]), "203.0.113.5")
		self.assertEqual(client_address("127.0.0.1", "not-an-ip", ["127.0.0.1"]), "127.0.0.1")
		self.assertEqual(client_address("127.0.0.1", "", ["127.0.0.1"]), "127.0.0.1")
		self.assertEqual(client_address(None, "203.0.113.5", []), "127.0.0.1")

	def test_networks_and_ipv6(self) -> None:
		self.assertEqual(len(networks("127.0.0.1, ::1, 10.0.0.0/8, nonsense")), 3)
		self.assertEqual(client_address("::1", "2001:db8::7", ["::1"]), "2001:db8::7")
		self.assertEqual(client_address("::1", "2001:db8::7", ["127.0.0.1"]), "::1")

	@settings(max_examples=200, deadline=None)
	@given(st.lists(st.ip_addresses(v=4).map(str), max_size=5), st.ip_addresses(v=4).map(str))
	def test_an_untrusted_peer_is_never_replaced_by_the_header(self, hops, peer) -> None:
		if peer.startswith("127."):
			return
		self.assertEqual(client_address(peer, ", ".join(hops), ["127.0.0.0/8"]), peer)
