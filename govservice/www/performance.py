import re

import frappe
from frappe import _
from frappe.utils import getdate

no_cache = 1
MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def get_context(context):
	"""绩效公示: each centre's published month (办件公示 and 好差评公示); open to everyone. Only published
	figures, and only a centre's totals: no agent and no applicant is named."""
	from govservice.supervision.performance import published_figures, published_months

	context.title = _("Service Performance")
	months = published_months()
	asked = frappe.form_dict.get("month")
	month = months[0] if months else None
	if isinstance(asked, str) and MONTH.match(asked.strip()):
		wanted = getdate(f"{asked.strip()}-01")
		month = wanted if wanted in months else None
	context.months = [f"{m:%Y-%m}" for m in months]
	context.month = f"{month:%Y-%m}" if month else None
	context.rows = published_figures(month) if month else []
