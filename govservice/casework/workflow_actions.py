"""Frappe's Workflow Action bookkeeping, kept only where it serves.

On every save of a document under a workflow, Frappe writes "Workflow Action" records — one open action per
role that may act next, closed again at the next state — for its Workflow Action list and the workflow's
e-mail alerts. Agents work cases from the app's own lists (My Work: due today, overdue, awaiting materials,
to accept), and the GS Case workflow sends no e-mail alerts, so for cases this bookkeeping was a third to a
half of a portal submission's time (benchmarks/portal_load.py) and showed nobody anything. It is skipped for
the app's DocTypes while their workflow's *Send Email Alert* is off; an administrator who turns it on gets
Frappe's behaviour back, actions and e-mails included.
"""

from __future__ import annotations

from govservice.security.registry import is_app_doctype


def install() -> None:
	"""Wrap Frappe's `process_workflow_actions` (the `on_update` hook of every DocType) once per process."""
	from frappe.workflow.doctype.workflow_action import workflow_action

	if getattr(workflow_action.process_workflow_actions, "govservice", False):
		return
	original = workflow_action.process_workflow_actions

	def process_workflow_actions(doc, state):
		if state != "on_trash" and not needs_actions(doc.get("doctype")):
			return
		return original(doc, state)

	process_workflow_actions.govservice = True
	workflow_action.process_workflow_actions = process_workflow_actions


def needs_actions(doctype: str | None) -> bool:
	if not doctype or not is_app_doctype(doctype):
		return True
	from frappe.model.workflow import get_workflow_name, send_email_alert

	workflow = get_workflow_name(doctype)
	return bool(workflow and send_email_alert(workflow))
