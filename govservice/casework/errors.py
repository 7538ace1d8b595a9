"""Errors of casework, so tests and callers can tell one refusal from another."""

import frappe


class CaseError(frappe.ValidationError):
	pass


class MissingMaterialsError(CaseError):
	pass


class WrongLevelError(CaseError):
	pass


class OneTimeNoticeError(CaseError):
	pass


class DoorToDoorError(CaseError):
	pass


class AgentChangeError(CaseError):
	pass


class ClosedCaseError(CaseError):
	pass


class PortalChangeError(frappe.PermissionError):
	pass
