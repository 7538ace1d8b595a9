"""Errors of village outreach, so tests and callers can tell one refusal from another."""

import frappe


class OutreachError(frappe.ValidationError):
	pass


class DispatchError(OutreachError):
	pass
