"""双重考核 of department staff stationed in townships: each side scores its own part of the quarter's draft
assessment (GS Township Assessment, rows of GS Stationed Staff Score).

- the township side: the supervisor of the township (its centre in their User Permissions) scores the staff
  stationed in it;
- the department side: the department's contact or leader in charge (GS Department Liaison) scores the
  department's own staff, wherever they are stationed;
- the supervisory department and the administrators read every row (and edit them on the form).

Neither side reads the assessment itself, nor any other row: the desk page 驻镇人员考核 (stationed-staff)
asks `stationed_rows` for the caller's rows and sends `score_stationed` the scores. A score is a whole
number from 0 to 100; the totals are the assessment's (township 60 % / department 40 % by default); each
scoring is saved as the assessment's new version (who changed which score) with a comment.
"""

from __future__ import annotations

import json
import re
import unicodedata

import frappe
from frappe import _
from frappe.utils import cint

from govservice.complaints.permissions import departments_of
from govservice.domain.evaluation_rules import score_refusal
from govservice.security.scope import user_centres
from govservice.security.writes import save_as_action
from govservice.supervision.permissions import CONTACT_ROLE, SUPERVISOR_ROLE, is_supervisory
from govservice.utils import shown, titles_of

ASSESSMENT = "GS Township Assessment"
SIDES = {"township": "township_score", "department": "department_score"}
MAX_ROWS = 500


class StationedError(frappe.ValidationError):
	pass


def sides_of(user: str | None = None) -> dict:
	"""What `user` scores: {"township": [centres], "department": [departments]}; the supervisory department
	{"all": True}; {} for anyone else."""
	user = user or frappe.session.user
	if is_supervisory(user):
		return {"all": True}
	roles = set(frappe.get_roles(user))
	sides: dict = {}
	if SUPERVISOR_ROLE in roles:
		centres = user_centres(user, "GS Case")
		if centres:
			sides["township"] = centres
	if CONTACT_ROLE in roles:
		departments = departments_of(user)
		if departments:
			sides["department"] = departments
	return sides


def row_sides(row, sides: dict) -> list[str]:
	"""The sides of `row` the caller scores."""
	mine = []
	if row.township in sides.get("township", ()):
		mine.append("township")
	if row.department in sides.get("department", ()):
		mine.append("department")
	return mine


def current_assessment(name: str | None) -> str | None:
	"""The assessment asked for, or the latest quarter's."""
	if name:
		if not isinstance(name, str) or len(name) > 140 or not frappe.db.exists(ASSESSMENT, name):
			frappe.throw(_("There is no such assessment."), StationedError)
		return name
	latest = frappe.get_all(ASSESSMENT, order_by="year desc, quarter desc", limit=1)
	return latest[0].name if latest else None


@frappe.whitelist()
def stationed_rows(name: str | None = None) -> dict:
	"""The caller's rows of the assessment (the latest when `name` is not given) and which side of each they
	score."""
	sides = sides_of()
	if not sides:
		raise frappe.PermissionError(
			_("The stationed staff are scored by their township and their department.")
		)
	name = current_assessment(name)
	if not name:
		return {"assessment": None, "rows": []}
	doc = frappe.get_doc(ASSESSMENT, name)
	names = titles_of("GS Service Centre", (row.township for row in doc.stationed_staff))
	department_names = titles_of(
		"Department", (row.department for row in doc.stationed_staff), "department_name"
	)
	rows = []
	for row in doc.stationed_staff:
		# the supervisory department reads every row and scores none here
		mine = [] if sides.get("all") else row_sides(row, sides)
		if not (mine or sides.get("all")):
			continue
		rows.append(
			{
				"row": row.name,
				"staff_name": row.staff_name,
				"department": department_names.get(row.department, row.department),
				"township": names.get(row.township, row.township),
				"township_score": row.township_score or None,
				"department_score": row.department_score or None,
				"total_score": row.total_score or None,
				"sides": mine,
			}
		)
	return {
		"assessment": doc.name,
		"year": doc.year,
		"quarter": doc.quarter,
		"status": doc.status,
		"rows": rows,
	}


def typed_score(value) -> int | bool | None:
	"""A score as typed: a whole number 0-100 (an int, or ASCII digits), None for none, False when it is no
	score (a flag, a fraction, an exponent, anything else)."""
	if value is None or value == "":
		return None
	if isinstance(value, bool):
		return False
	if isinstance(value, int):
		number = value
	else:
		text = unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else ""
		if not re.fullmatch(r"\d{1,3}", text, re.ASCII):
			return False
		number = int(text)
	return False if score_refusal(number) else number


@frappe.whitelist(methods=["POST"])
def score_stationed(name: str, scores: str | list) -> int:
	"""Record the caller's side of the scores [{row, side, score}] of a draft assessment. Returns how many
	changed."""
	sides = sides_of()
	if not sides or sides.get("all"):
		# the supervisory department edits the form itself; here each side scores its own part
		raise frappe.PermissionError(
			_("The stationed staff are scored by their township and their department.")
		)
	name = current_assessment(name)
	if not name:
		frappe.throw(_("There is no such assessment."), StationedError)
	doc = frappe.get_doc(ASSESSMENT, name)
	if doc.status != "Draft":
		frappe.throw(_("A published assessment does not change."), StationedError)
	if isinstance(scores, str):
		try:
			scores = json.loads(scores)
		except ValueError:
			scores = None
	if not isinstance(scores, list) or len(scores) > MAX_ROWS:
		frappe.throw(_("Send the scores as a list."), StationedError)
	rows = {row.name: row for row in doc.stationed_staff}
	changed = 0
	for entry in scores:
		if not isinstance(entry, dict):
			frappe.throw(_("Send the scores as a list."), StationedError)
		row = rows.get(entry.get("row")) if isinstance(entry.get("row"), str) else None
		side = entry.get("side")
		# a row of another assessment, another township or department: as if it did not exist
		if row is None or not isinstance(side, str) or side not in SIDES or side not in row_sides(row, sides):
			frappe.throw(_("You may not score that row."), frappe.PermissionError)
		new = typed_score(entry.get("score"))
		if new is False:
			frappe.throw(
				_("{0}: a score is a whole number from 0 to 100.").format(shown(row.staff_name)),
				StationedError,
			)
		# 0 is no score (the assessment's rule): giving 0 or nothing clears it
		if cint(row.get(SIDES[side])) != (new or 0):
			row.set(SIDES[side], new or 0)
			changed += 1
	if changed:
		save_as_action(doc)
		doc.add_comment(
			"Info",
			_("{0} scored {1} of the stationed staff.").format(
				shown(frappe.utils.get_fullname(frappe.session.user)), changed
			),
		)
	return changed
