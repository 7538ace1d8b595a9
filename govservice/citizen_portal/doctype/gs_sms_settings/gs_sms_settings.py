from urllib.parse import urlsplit

import frappe
from frappe import _
from frappe.model.document import Document

from govservice.domain.sms_kinds import MESSAGE_KINDS

GENERIC = "Generic HTTP Gateway"
CARRIER_DOMAINS = {"Alibaba Cloud SMS": ".aliyuncs.com", "Tencent Cloud SMS": ".tencentcloudapi.com"}


class SMSSettingsError(frappe.ValidationError):
	pass


class GSSMSSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from govservice.citizen_portal.doctype.gs_sms_template.gs_sms_template import GSSMSTemplate

		access_key_id: DF.Data | None
		access_key_secret: DF.Password | None
		endpoint: DF.Data | None
		last_failure: DF.SmallText | None
		last_failure_on: DF.Datetime | None
		provider: DF.Literal["Generic HTTP Gateway", "Alibaba Cloud SMS", "Tencent Cloud SMS"]
		region: DF.Data | None
		sdk_app_id: DF.Data | None
		sign_name: DF.Data | None
		templates: DF.Table[GSSMSTemplate]
	# end: auto-generated types
	"""How the county's texts go out: through Frappe's SMS Settings as written, or through a carrier (阿里云短信,
	腾讯云短信) with its approved signature and a template per message kind (govservice.citizen_portal.carriers)."""

	def validate(self) -> None:
		seen = set()
		for row in self.templates:
			if row.message_kind in seen:
				frappe.throw(
					_("Row {0}: {1} has a template already.").format(row.idx, _(row.message_kind)),
					SMSSettingsError,
					title=_("Approved Templates"),
				)
			seen.add(row.message_kind)
			row.parameters = ", ".join(MESSAGE_KINDS[row.message_kind])
		if self.provider == GENERIC:
			return
		self.validate_endpoint()
		missing = [
			_(self.meta.get_label(field))
			for field in ("sign_name", "access_key_id", "access_key_secret")
			if not self.get(field)
		]
		if self.provider == "Tencent Cloud SMS" and not self.sdk_app_id:
			missing.append(_(self.meta.get_label("sdk_app_id")))
		if missing:
			frappe.throw(
				_("A carrier needs: {0}.").format("、".join(missing)),
				SMSSettingsError,
				title=_("SMS Provider"),
			)
		unmapped = [_(kind) for kind in MESSAGE_KINDS if kind not in seen]
		if unmapped:
			frappe.msgprint(
				_("These texts will not go out until their template is mapped: {0}").format(
					"、".join(unmapped)
				),
				title=_("Approved Templates"),
				indicator="orange",
			)

	def validate_endpoint(self) -> None:
		"""Texts (codes among them) go only to the carrier's own HTTPS endpoints: another address would hand
		every code to whoever runs it. A site made for tests, a development site or the production drill
		(`flags.local_stand_in`) may use a local stand-in."""
		endpoint = (self.endpoint or "").strip()
		if not endpoint or self.flags.local_stand_in or frappe.conf.allow_tests or frappe.conf.developer_mode:
			return
		parts = urlsplit(endpoint if "://" in endpoint else f"https://{endpoint}")
		host = (parts.hostname or "").lower()
		if (
			parts.scheme != "https"
			or not host.endswith(CARRIER_DOMAINS[self.provider])
			or parts.port not in (None, 443)
		):
			frappe.throw(
				_("The endpoint must be the carrier's own HTTPS address (ending in {0}), or empty.").format(
					CARRIER_DOMAINS[self.provider]
				),
				SMSSettingsError,
				title=_("SMS Provider"),
			)

	def on_update(self) -> None:
		from govservice.citizen_portal.notifications import switch_on_texts

		if self.provider != GENERIC:
			switch_on_texts()
