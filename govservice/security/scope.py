"""Staff see the records of their centres; a staff account without a centre sees none (fail closed).

A user's centres are Frappe User Permissions on the GS Service Centre tree, granted by the records that
place them (an active agent, a centre's supervisor, a window's officer; see organisation/utils.py) or by an
administrator in the desk; Frappe applies them to every DocType that links a centre. Frappe also treats a
user with *no* User Permission as unrestricted, so an account with a staff role and no centre yet (a new
window officer, an agent whose record was deactivated) would read every county's cases. These hooks close
that: without a centre, a staff user reads no centre-scoped record, unless a role is county-wide by design.

Frappe writes a user's centres into SQL as `(ifnull(service_centre, '') = '' or service_centre in (…))`,
which no index can serve: at a province's million cases every list and count of an agent read the whole
table. So the scoped DocTypes' centre field ignores Frappe's User Permissions, and the scope is this
module's: every scoped record carries its centre, township and county (`set_scope_centres`), and a user's
condition is one equality on the column of their centre's level (`township_centre = '…'` for a township
agent), which an index serves together with the list's sort; the county of a one-county site reads all.
`has_centre_scope` checks a single record against the user's centres and their descendants. A case sent
up to another centre stays in the lists of its first-contact agent and their B post (`FOLLOWING_FIELDS`).
"""

import frappe

from govservice.citizen_portal.utils import is_portal_user

COUNTY_WIDE = frozenset(("System Manager", "GS Administrator"))
# DocType -> roles that read it across all centres (besides COUNTY_WIDE)
CENTRE_SCOPED: dict[str, frozenset[str]] = {
	"GS Case": frozenset(),
	"GS One-Time Notice": frozenset(),
	"GS Work Log": frozenset(),
	"GS Case Reminder": frozenset(),
	"GS Project Reminder": frozenset(),
	# the special-group register, its visits and the village's collection sheets: the village, its
	# township and the county (personal data: no county-wide role besides the administrators)
	"GS Special Group Member": frozenset(),
	"GS Special Group Visit": frozenset(),
	"GS Collection Sheet": frozenset(),
	# 好差评 is supervised county-wide by the supervisory department
	"GS Rating": frozenset(("GS Supervisory Officer",)),
	"GS Rectification": frozenset(("GS Supervisory Officer",)),
	# 监察预警: the supervisory department's, county-wide (responsible people read their own:
	# govservice.supervision.permissions)
	"GS Supervision Alert": frozenset(("GS Supervisory Officer",)),
	# 绩效月报: the supervisory department publishes them, county-wide; a supervisor reads their centres'
	"GS Performance Report": frozenset(("GS Supervisory Officer",)),
	# 督查检查: the supervisory department inspects every centre; the centre's staff read their own
	"GS Inspection": frozenset(("GS Supervisory Officer",)),
	# 三亮三评: the supervisory department evaluates every centre; a supervisor their centres' staff
	"GS Evaluation Result": frozenset(("GS Supervisory Officer",)),
	# 满意度问卷: the supervisory department assesses every township; a supervisor reads their centres'
	"GS Questionnaire Response": frozenset(("GS Supervisory Officer",)),
	# 办事大厅: the hall's tickets and the officers' sessions (no personal data) are supervised county-wide;
	# appointments (names and mobiles) are the hall's and the hotline seats', who book for every centre
	"GS Window Session": frozenset(("GS Supervisory Officer",)),
	"GS Queue Ticket": frozenset(("GS Supervisory Officer",)),
	"GS Appointment": frozenset(("GS Hotline Seat",)),
	# 统一出件: the results window's record of a case's result (names, masked IDs, signatures), by the
	# results window's centre
	"GS Result Handover": frozenset(),
	# 12345 work orders: the hotline seats register them for every centre; the supervisory department reads
	"GS Work Order": frozenset(("GS Hotline Seat", "GS Supervisory Officer")),
}


def has_centre(user: str) -> bool:
	"""Whether Frappe restricts `user` to some centres (its cached User Permissions, the ones it applies)."""
	from frappe.permissions import get_user_permissions

	return bool(get_user_permissions(user).get("GS Service Centre"))


def reach(user: str, doctype: str) -> str:
	"""How far `user` reads `doctype`: "all" (Administrator, a portal user — narrowed to their own records by
	citizen_portal.permissions —, a county-wide role), "centres" (staff with centres) or "none" (staff
	without a centre)."""
	if user == "Administrator" or is_portal_user(user):
		return "all"
	if set(frappe.get_roles(user)) & (COUNTY_WIDE | CENTRE_SCOPED.get(doctype, frozenset())):
		return "all"
	return "centres" if has_centre(user) else "none"


def unscoped(user: str, doctype: str) -> bool:
	"""True when the user reads `doctype` without a centre restriction of this module."""
	return reach(user, doctype) != "none"


# a scoped record carries its centre, township and county (set in `set_scope_centres`): a user's scope is
# one equality on the column of their centre's level, which an index serves together with the list's sort
LEVEL_FIELD = {"Village": "service_centre", "Township": "township_centre", "County": "county_centre"}
SCOPE_COLUMNS = tuple(LEVEL_FIELD.values())
CENTRE = "GS Service Centre"


def user_centres(user: str, doctype: str) -> list[str]:
	"""The centres (with their descendants) Frappe's User Permissions give `user` for `doctype`."""
	from frappe.permissions import get_user_permissions

	return sorted(
		{
			row.doc
			for row in get_user_permissions(user).get(CENTRE, [])
			if not row.applicable_for or row.applicable_for == doctype
		}
	)


def granted_centres(user: str, doctype: str) -> list[str]:
	"""The centres `user` was granted for `doctype` (User Permissions as stored, without descendants)."""
	return sorted(
		{
			row.for_value
			for row in frappe.get_all(
				"User Permission",
				filters={"user": user, "allow": CENTRE},
				fields=["for_value", "apply_to_all_doctypes", "applicable_for"],
			)
			if row.apply_to_all_doctypes or not row.applicable_for or row.applicable_for == doctype
		}
	)


TREE_KEY = "govservice:centre-tree"


def centre_tree() -> dict[str, tuple[str, str | None]]:
	"""Every centre's (level, parent), cached until a centre changes."""

	def load() -> dict:
		return {
			row.name: (row.level, row.parent_gs_service_centre)
			for row in frappe.get_all(CENTRE, fields=["name", "level", "parent_gs_service_centre"])
		}

	return frappe.cache.get_value(TREE_KEY, generator=load)


def ancestors(centre: str | None) -> tuple[str | None, str | None]:
	"""(township, county) of a centre: a village's township and county, a township and its county, a
	county (None, itself)."""
	tree = centre_tree()
	if not centre or centre not in tree:
		return None, None
	township = county = None
	current: str | None = centre
	while current:
		level, parent = tree.get(current, (None, None))
		if level == "Township":
			township = current
		elif level == "County":
			county = current
		current = parent
	return township, county


def set_scope_centres(doc, method: str | None = None) -> None:
	"""`validate` of the scoped DocTypes: the record's township and county, from its centre."""
	doc.township_centre, doc.county_centre = ancestors(doc.get("service_centre"))


def refill_scope_centres(doctypes=None, centres: list[str] | None = None) -> None:
	"""Recompute the township and county of stored records (all, or those at `centres`) from the tree:
	after records were written without them, or after a centre moved to another parent."""
	where = ""
	if centres:
		where = "where t.service_centre in (" + ", ".join(frappe.db.escape(c) for c in centres) + ")"
	for doctype in doctypes or CENTRE_SCOPED:
		frappe.db.sql(
			f"""update `tab{doctype}` t
			join `tabGS Service Centre` c on c.name = t.service_centre
			left join `tabGS Service Centre` p on p.name = c.parent_gs_service_centre
			left join `tabGS Service Centre` g on g.name = p.parent_gs_service_centre
			set t.township_centre = case c.level when 'Village' then p.name when 'Township' then c.name end,
				t.county_centre = case c.level when 'Village' then g.name when 'Township' then p.name
					when 'County' then c.name end
			{where}"""
		)


def on_centre_update(doc, method: str | None = None) -> None:
	"""A centre added or changed: the cached tree again; a centre moved under another parent: its records
	and those of the centres below it follow."""
	forget_centre_tree()
	before = doc.get_doc_before_save()
	if before is None or before.parent_gs_service_centre == doc.parent_gs_service_centre:
		return
	subtree = frappe.get_all(CENTRE, filters={"lft": [">=", doc.lft], "rgt": ["<=", doc.rgt]}, pluck="name")
	frappe.enqueue(
		refill_scope_centres, centres=subtree or [doc.name], queue="long", enqueue_after_commit=True
	)


def forget_centre_tree(doc=None, method: str | None = None) -> None:
	frappe.cache.delete_value(TREE_KEY)


def centre_scope_query(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions: a staff user's centres as one indexed equality per granted centre (on
	the column of its level); nothing for a county-wide user; `1=0` for a staff user without a centre."""
	user = user or frappe.session.user
	if not doctype:
		return ""
	scope = reach(user, doctype)
	if scope != "centres":
		return "" if scope == "all" else "1=0"
	tree = centre_tree()
	granted = [centre for centre in granted_centres(user, doctype) if centre in tree]
	if not granted:
		return "1=0"
	roots = [name for name, (_level, parent) in tree.items() if not parent]
	if any(centre in roots for centre in granted) and len(roots) == 1:
		return ""  # the only county: every record of the site
	table = f"`tab{doctype}`"
	conditions = []
	for level, field in LEVEL_FIELD.items():
		listed = [frappe.db.escape(c) for c in granted if tree[c][0] == level]
		if listed:
			conditions.append(
				f"{table}.`{field}` = {listed[0]}"
				if len(listed) == 1
				else f"{table}.`{field}` in ({', '.join(listed)})"
			)
	conditions += following_conditions(user, doctype)
	return "(" + " or ".join(conditions) + ")" if conditions else "1=0"


# 首办负责: the first-contact agent (and their B post) keep following a case sent up to another centre
FOLLOWING_FIELDS = {"GS Case": ("agent_user", "backup_agent_user")}


def following_conditions(user: str, doctype: str) -> list[str]:
	"""Conditions for the records `user` follows outside their centres (each served by an index that starts
	with the follower's field)."""
	return [
		f"`tab{doctype}`.`{field}` = {frappe.db.escape(user)}" for field in FOLLOWING_FIELDS.get(doctype, ())
	]


def follows(doc, user: str) -> bool:
	return any(doc.get(field) == user for field in FOLLOWING_FIELDS.get(doc.doctype, ()))


def has_centre_scope(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""has_permission: a staff user reads and writes the records of their centres (and those shared with
	them: Frappe grants a shared record after this refusal); never grants."""
	user = user or frappe.session.user
	scope = reach(user, doc.doctype)
	if scope != "centres":
		return None if scope == "all" else False
	if doc.get("service_centre") in user_centres(user, doc.doctype) or follows(doc, user):
		return None
	return False
