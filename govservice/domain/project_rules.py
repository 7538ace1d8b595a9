"""Rules of key projects (重点项目) that need no database: the investment project code and plan checks.

The investment project code (投资项目代码) is issued by the online investment approval and supervision
platform (全国投资项目在线审批监管平台) before the first approval. The form checked here is the platform's
24-character code `YYYY-AAAAAA-II-TT-NNNNNN`: the year it was issued, the 6-digit administrative division
code of the place, a 2-digit industry code, the project type (01 审批 government-invested, 02 核准 enterprise
approval, 03 备案 enterprise filing) and a 6-digit serial number.
"""

from __future__ import annotations

import re
import unicodedata

PROJECT_CODE = re.compile(r"^(\d{4})-(\d{6})-(\d{2})-(\d{2})-(\d{6})$")
# first two digits of the administrative division codes of the provinces (GB/T 2260)
PROVINCE_PREFIXES = frozenset(
	"11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82".split()
)
TYPE_CODES = {"Government Invested": "01", "Enterprise Approval": "02", "Enterprise Filing": "03"}
FIRST_YEAR = 2014  # the platform's codes start with the 2014 reform


def project_code_problem(code: str, project_type: str | None, this_year: int) -> str | None:
	"""Why `code` is not a valid investment project code for a project of `project_type`, or None."""
	match = PROJECT_CODE.match((code or "").strip())
	if not match:
		return "format"
	year, area, _industry, type_code, serial = match.groups()
	if not FIRST_YEAR <= int(year) <= this_year:
		return "year"
	if area[:2] not in PROVINCE_PREFIXES:
		return "area"
	if type_code not in TYPE_CODES.values():
		return "type"
	if project_type in TYPE_CODES and TYPE_CODES[project_type] != type_code:
		return "type mismatch"
	if int(serial) == 0:
		return "serial"
	return None


def stage_names_problem(stage_names: list[str], approval_stages: list[str]) -> str | None:
	"""A plan's stages are named once each, and every approval belongs to one of them."""
	seen: set[str] = set()
	for name in stage_names:
		if name in seen:
			return f"stage {name} appears twice"
		seen.add(name)
	for name in approval_stages:
		if name not in seen:
			return f"no stage {name}"
	return None


# 前置事项 are typed one per line (or separated by semicolons): not by 、 or commas, which approvals' own
# names hold (建设工程消防设计审查、验收)
NAME_SEPARATORS = re.compile(r"[\n\r;；]+")


def name_key(name: str | None) -> str:
	"""An approval's name as compared: NFKC (full- and half-width brackets alike), spaces collapsed."""
	return " ".join(unicodedata.normalize("NFKC", name or "").split())


def split_names(text: str | None) -> list[str]:
	"""The approvals' names in a typed list, trimmed, each once (as `name_key` compares them)."""
	names: list[str] = []
	seen: set[str] = set()
	for part in NAME_SEPARATORS.split(text or ""):
		key = name_key(part)
		if key and key not in seen:
			seen.add(key)
			names.append(" ".join(part.split()))
	return names


def prerequisites_problem(plan: list[tuple[str, list[str]]]) -> tuple[str, str, str] | None:
	"""Why the plan's 前置事项 cannot stand, or None. `plan`: each approval's name and the names it needs, in
	plan order (stage by stage, row by row), compared by `name_key`. An approval needs only approvals before
	it: this excludes itself, cycles, and waiting for an approval that is not in the plan. The answer is
	(kind, approval, needed): kind "self" or "not before"."""
	seen: set[str] = set()
	for name, needs in plan:
		for needed in needs:
			if name_key(needed) == name_key(name):
				return ("self", name, needed)
			if name_key(needed) not in seen:
				return ("not before", name, needed)
		seen.add(name_key(name))
	return None
