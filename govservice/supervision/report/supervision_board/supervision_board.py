"""电子监察看板: the reader's running clocks, green / yellow / red, by centre, department, service item or kind
of clock; a count opens the clocks behind it (govservice.supervision.board)."""

from frappe import _

from govservice.domain.supervision_rules import LIGHTS
from govservice.reporting import SelectFilter, column, read_filters
from govservice.supervision import board
from govservice.utils import titles_of

NONE = "__none__"


def execute(filters: dict | None = None) -> tuple:
	read = read_filters(
		filters,
		SelectFilter("group_by", "Group By", tuple(board.DIMENSIONS), default="Service Centre"),
		SelectFilter("clock", "Clock", tuple(board.KINDS)),
		SelectFilter("light", "Light", LIGHTS),
	)
	key = (filters or {}).get("key")
	# a drill-down's group: a name, or NONE for the clocks without one (no department, no centre)
	key = (None if not key else "" if key == NONE else key[:140]) if isinstance(key, str) else None
	if read.light or key is not None:
		return detail(read, key)
	rows = board.counts(read.group_by, read.clock)
	names = labels(read.group_by, [r["key"] for r in rows])
	for row in rows:
		row["label"] = names.get(row["key"]) or _("(none)")
		row["total"] = row["Green"] + row["Yellow"] + row["Red"]
	columns = [
		column(read.group_by, "label", width=220),
		column("Red Light", "Red", "Int", 90),
		column("Yellow Light", "Yellow", "Int", 90),
		column("Green Light", "Green", "Int", 90),
		column("Running Clocks", "total", "Int", 110),
	]
	chart = {
		"data": {
			"labels": [r["label"] for r in rows[:15]],
			"datasets": [
				{"name": light_label(light), "values": [r[light] for r in rows[:15]]}
				for light in ("Red", "Yellow")
			],
		},
		"type": "bar",
		"colors": ["#e24c4c", "#ecad4b"],
		"barOptions": {"stacked": 1},
	}
	return columns, rows, None, chart


def detail(read, key: str | None) -> tuple:
	rows = board.clocks(read.group_by, key, read.light, read.clock)
	centres = labels("Service Centre", [r.centre for r in rows])
	departments = labels("Department", [r.department for r in rows])
	for row in rows:
		row.update(
			clock=_(row.clock),
			light=light_label(row.light),
			centre=centres.get(row.centre) or "",
			department=departments.get(row.department) or "",
		)
	columns = [
		column("Light", "light", width=70),
		column("Clock", "clock", width=120),
		{**column("Record Type", "doctype", width=110), "hidden": 1},  # the record's link needs it
		column("Record", "record", "Dynamic Link", 160, "doctype"),
		column("Matter", "subject", width=220),
		column("Deadline", "due_date", "Date", 100),
		column("Service Centre", "centre", width=160),
		column("Department", "department", width=160),
	]
	message = _("At most {0} clocks are listed, the soonest due first.").format(board.DETAIL_LIMIT)
	return columns, rows, message


def light_label(light: str) -> str:
	return {"Red": _("Red Light"), "Yellow": _("Yellow Light"), "Green": _("Green Light")}[light]


def labels(dimension: str, keys: list) -> dict:
	"""What the reader reads for each group: a centre's or department's name, an item's name, a clock's kind."""
	if dimension == "Clock":
		return {k: _(k) for k in keys if k}
	doctype, field = {
		"Service Centre": ("GS Service Centre", "official_name"),
		"Department": ("Department", "department_name"),
		"Service Item": ("GS Service Item", "item_name"),
	}[dimension]
	return titles_of(doctype, keys, field)
