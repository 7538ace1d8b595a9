"""Weekly 办不成事 reporting through Frappe's Auto Email Report, which administrators change in the desk.

Seed 004 三(四): every Friday the window's ledger for the week goes to its service centre; every Monday the
centre's summary goes to the supervisory department.
"""

import frappe

WEEKLY_REPORTS = (
	# (name, report, day, format)
	("办不成事 Weekly Ledger", "Complaint Tracking Ledger", "Friday", "XLSX"),
	("办不成事 Weekly Summary", "Complaint Weekly Summary", "Monday", "HTML"),
)


def ensure_weekly_reports(recipients: list[str]) -> list[str]:
	"""Create the two weekly Auto Email Reports once (idempotent), sent to `recipients`."""
	names = []
	for name, report, day, file_format in WEEKLY_REPORTS:
		existing = frappe.db.get_value("Auto Email Report", {"report": report, "description": name})
		if existing:
			names.append(existing)
			continue
		doc = frappe.get_doc(
			{
				"doctype": "Auto Email Report",
				"report": report,
				"user": "Administrator",
				"enabled": 1,
				"email_to": "\n".join(recipients),
				"frequency": "Weekly",
				"day_of_week": day,
				"format": file_format,
				"description": name,
				"filters": frappe.as_json({}),
				"dynamic_date_period": "Weekly",
				"from_date_field": "from_date",
				"to_date_field": "to_date",
			}
		)
		doc.insert(ignore_permissions=True)  # install-time default, changed by administrators in the desk
		names.append(doc.name)
	return names
