"""处理进度跟踪台账: every matter registered in the period and where it stands."""

from frappe import _

from govservice.complaints.utils import complaint_week_filters, complaints_in, outcome
from govservice.reporting import column


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	rows = complaints_in(*complaint_week_filters(filters))
	for row in rows:
		row.outcome = _(outcome(row))
		row.classification = _(row.classification) if row.classification else ""
		row.escalation_level = _(row.escalation_level) if row.escalation_level else ""
	columns = [
		column("Registered On", "registered_on", "Datetime", 150),
		column("Complaint", "name", "Link", 150, "GS Complaint"),
		column("Reporter", "reporter_name", width=100),
		column("Description", "description", width=220),
		column("Department", "department_name", width=140),
		column("Classification", "classification", width=120),
		column("Deadline", "deadline_date", "Date", 100),
		column("Handled At", "escalation_level", width=120),
		column("Assigned To", "assigned_to", "Link", 150, "User"),
		column("Progress", "outcome", width=90),
		column("Replied On", "replied_on", "Datetime", 150),
	]
	return columns, rows
