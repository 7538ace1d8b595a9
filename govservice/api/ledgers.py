"""Ledgers too large for one page: the work log ledger of a whole period as a CSV file, streamed.

The report (Work Log Ledger) shows a page at a time; this export writes every entry the caller may read
(their centres' scope applies, as in the report) into a temporary file a few thousand rows at a time, then
streams the file: memory stays flat whatever the period, and the database is read in index order.
"""

import csv
import os
import tempfile

import frappe
from frappe import _
from werkzeug.wrappers import Response
from werkzeug.wsgi import wrap_file

from govservice.casework.report.work_log_ledger.work_log_ledger import columns, label_rows, ledger_filters
from govservice.reporting import client_date

CHUNK = 5000
FIELDS = ["name", "log_on", "gs_case", "action", "description", "agent", "service_centre", "user"]


def ledger_chunks(filters: dict):
	"""The entries of `filters` in (log_on, name) order, a chunk at a time, through the caller's scope.

	Keyset pagination: each chunk starts after the last (log_on, name) read, so every chunk is an index range
	scan, however deep into the period it is."""
	base = [
		[field, *(value if isinstance(value, list) else ["=", value])] for field, value in filters.items()
	]
	after = None
	while True:
		conditions, or_conditions = list(base), None
		if after:
			conditions.append(["log_on", ">=", after.log_on])
			or_conditions = [["log_on", ">", after.log_on], ["name", ">", after.name]]
		rows = frappe.get_list(
			"GS Work Log",
			filters=conditions,
			or_filters=or_conditions,
			fields=FIELDS,
			order_by="log_on asc, name asc",
			limit_page_length=CHUNK,
		)
		if rows:
			yield rows
		if len(rows) < CHUNK:
			return
		after = rows[-1]


@frappe.whitelist(methods=["GET"])
def work_log_csv(
	from_date: str,
	to_date: str,
	service_centre: str | None = None,
	agent: str | None = None,
	action: str | None = None,
) -> Response:
	"""The Work Log Ledger of a period as CSV (UTF-8 with BOM, for Excel), for those who may read the work
	log; rows are those of the caller's centres."""
	frappe.has_permission("GS Work Log", "read", throw=True)
	start, end = client_date(from_date), client_date(to_date)
	if not start or not end:
		frappe.throw(_("Give the period as two dates."))
	if end < start:
		frappe.throw(_("The period ends before it begins."))
	filters = ledger_filters(
		frappe._dict(
			from_date=from_date, to_date=to_date, service_centre=service_centre, agent=agent, action=action
		)
	)
	handle = tempfile.NamedTemporaryFile("w+", encoding="utf-8-sig", newline="", suffix=".csv", delete=False)
	try:
		writer = csv.writer(handle)
		fields = [column["fieldname"] for column in columns()]
		writer.writerow([column["label"] for column in columns()])
		for rows in ledger_chunks(filters):
			label_rows(rows)
			writer.writerows([row.get(field) or "" for field in fields] for row in rows)
	finally:
		handle.close()
	size = os.path.getsize(handle.name)
	stream = open(handle.name, "rb")
	os.unlink(handle.name)  # the open handle keeps the data until the response closes it
	response = Response(
		wrap_file(frappe.local.request.environ, stream, buffer_size=64 * 1024),
		mimetype="text/csv",
		direct_passthrough=True,
	)
	response.headers["Content-Length"] = str(size)
	filename = f"work-log-{start}-{end}.csv"
	response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
	return response
