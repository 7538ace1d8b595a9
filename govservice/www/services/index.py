import frappe
from frappe import _

from govservice.citizen_portal.utils import CHANNEL_LABELS, catalogue

no_cache = 1


def get_context(context):
	"""The published catalogue (事项清单) by level, channel and keyword; open to everyone."""
	args = frappe.form_dict
	context.title = _("Service Catalogue")
	context.filters = {
		"level": args.get("level") or "",
		"channel": args.get("channel") or "",
		"q": args.get("q") or "",
	}
	context.items = catalogue(**context.filters)
	context.levels = ("County", "Township", "Village")
	context.channels = CHANNEL_LABELS
