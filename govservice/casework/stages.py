"""What a GS Case's workflow state means: its stage.

Administrators change the GS Case workflow in the desk, add states (预审中, 待领取…) and rename them. The
rules (the clock, acceptance, the one-time notice, closing) are keyed to a state's meaning, not to its name:
each state of the workflow sets the case's `stage` through the workflow's own Update Field / Update Value
columns. A new state without an Update Value keeps the stage the case had, so it needs no code.
"""

import frappe
from frappe.model.workflow import get_workflow_name

STAGES = (
	"Registered",
	"Awaiting Materials",
	"Accepted",
	"In Progress",
	"Completed",
	"Archived",
	"Not Accepted",
	"Terminated",
)
# Before acceptance: the applicant may still add materials and the case may still be transferred.
INTAKE_STAGES = ("Registered", "Awaiting Materials")
# Handling: the promised time limit runs (unless paused by a one-time notice).
CLOCK_STAGES = ("Accepted", "In Progress")
OPEN_STAGES = (*INTAKE_STAGES, *CLOCK_STAGES)
DONE_STAGES = ("Completed", "Archived")
# Nothing changes on a closed case except by an administrator.
CLOSED_STAGES = ("Archived", "Not Accepted", "Terminated")


def stage_of_state(state: str | None, doctype: str = "GS Case") -> str | None:
	"""The stage the active workflow of `doctype` gives `state` (its Update Value for `stage`), if any."""
	name = get_workflow_name(doctype)
	if not name or not state:
		return None
	workflow = frappe.get_cached_doc("Workflow", name)
	for row in workflow.states:
		if row.state == state and row.update_field == "stage" and row.update_value in STAGES:
			return row.update_value
	return None


def states_of_stage(stages: tuple[str, ...], doctype: str = "GS Case") -> list[str]:
	"""Workflow states that mean one of `stages` (for queries by state name)."""
	name = get_workflow_name(doctype)
	if not name:
		return list(stages)
	workflow = frappe.get_cached_doc("Workflow", name)
	return sorted({row.state for row in workflow.states if row.update_value in stages} | set(stages))
