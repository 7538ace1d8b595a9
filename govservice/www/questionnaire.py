import frappe
from frappe import _

no_cache = 1


def get_context(context):
	"""满意度问卷: anyone tells how satisfied they were with a township or village centre, without an account;
	the answer keeps neither account nor address (综合考核, govservice.supervision.assessments)."""
	from govservice.domain.rating_rules import RATING_LEVELS
	from govservice.supervision.assessments import public_centres

	context.title = _("Satisfaction Questionnaire")
	centres = public_centres()
	townships = [c for c in centres if c.level == "Township"]
	context.centre_groups = [
		(_("Townships"), townships),
		(_("Villages and Communities"), [c for c in centres if c.level == "Village"]),
	]
	context.levels = RATING_LEVELS
	context.questions = [
		("attitude", _("Service Attitude")),
		("efficiency", _("Efficiency of Handling")),
		("environment", _("Hall and Facilities")),
		("openness", _("Openness of Information")),
	]
	wanted = frappe.form_dict.get("centre")
	context.default_centre = (
		wanted if isinstance(wanted, str) and wanted in {c.name for c in centres} else None
	)
