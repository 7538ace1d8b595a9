"""Auto Email Report, run as the user it names.

Frappe runs an emailed report in the scheduler's session (Administrator) and passes its `user` only to the
report's caching; a script report that reads through the reader's scope (`frappe.get_list`, the app's
permission queries) would mail the whole county's records to a township supervisor. This class runs the
report as that user, and refuses a user who may not read the report.
"""

import frappe
from frappe import _
from frappe.email.doctype.auto_email_report.auto_email_report import AutoEmailReport

from govservice.utils import shown


class ScopedAutoEmailReport(AutoEmailReport):
	def validate(self) -> None:
		super().validate()
		if not run_as(self.user, lambda: frappe.get_doc("Report", self.report).is_permitted()):
			frappe.throw(
				_("{0} may not read the report {1}.").format(shown(self.user), shown(_(self.report)))
			)

	def get_report_content(self):
		return run_as(self.user, super().get_report_content)


def run_as(user: str, job):
	"""`job()` in `user`'s session; the caller's session (its sid and data) and request restored afterwards,
	since `frappe.set_user` overwrites both."""
	caller = frappe.session.user
	if user == caller:
		return job()
	session, form_dict = frappe.local.session.copy(), frappe.local.form_dict
	frappe.set_user(user)
	try:
		return job()
	finally:
		frappe.set_user(caller)
		frappe.local.session.update(session)
		frappe.local.form_dict = form_dict
