"""What the village outreach reports share."""

from frappe import _


def column(
	label: str, fieldname: str, fieldtype: str = "Data", width: int = 110, options: str | None = None
) -> dict:
	"""A report column with its label in the reader's language."""
	return {
		"label": _(label),
		"fieldname": fieldname,
		"fieldtype": fieldtype,
		"width": width,
		"options": options,
	}
