"""Open Workflow Action records of the app's DocTypes, written before the bookkeeping was kept for workflows
that e-mail their actions only (govservice.casework.workflow_actions), are records of nothing."""

import frappe

from govservice.casework.workflow_actions import needs_actions


def execute() -> None:
	doctypes = frappe.get_all(
		"Workflow Action", filters={"status": "Open"}, pluck="reference_doctype", distinct=True
	)
	for doctype in doctypes:
		if needs_actions(doctype):
			continue
		names = frappe.get_all(
			"Workflow Action", filters={"reference_doctype": doctype, "status": "Open"}, pluck="name"
		)
		for start in range(0, len(names), 1000):
			chunk = names[start : start + 1000]
			frappe.db.delete("Workflow Action Permitted Role", {"parent": ["in", chunk]})
			frappe.db.delete("Workflow Action", {"name": ["in", chunk]})
