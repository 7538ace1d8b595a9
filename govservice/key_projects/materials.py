"""资料互认: a key project's material library. Each document is held once, with its version, validity and
who supplied it, and lists the approvals that use it; the owner enterprise uploads a missing or expired one
on the portal, the team in the desk."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate

from govservice.utils import shown


def approvals_of(row) -> list[str]:
	"""The approvals a material serves, one per line, as the agent wrote them."""
	return [line.strip() for line in (row.for_approvals or "").splitlines() if line.strip()]


def check_materials(project) -> None:
	"""validate: each material named once and used only by approvals of the plan; a new file is a new
	version (received today, by whoever attached it); the status follows the file and its validity."""
	seen: set[str] = set()
	items = {row.item_name for row in project.approvals}
	before = (
		{} if project.is_new() else {r.name: r for r in (project.get_doc_before_save() or project).materials}
	)
	today = getdate()
	for row in project.materials:
		row.material_name = (row.material_name or "").strip()
		if row.material_name in seen:
			frappe.throw(
				_("{0} is listed twice: a material is held once and shared.").format(row.material_name)
			)
		seen.add(row.material_name)
		unknown = [name for name in approvals_of(row) if name not in items]
		if unknown:
			frappe.throw(
				_("{0} is used by approvals that are not in the plan: {1}").format(
					row.material_name, "、".join(unknown)
				)
			)
		old = before.get(row.name)
		if row.file and (old is None or old.file != row.file):
			row.version = (old.version if old else 0) + 1
			row.received_on = today
			row.uploaded_by = frappe.session.user
		if not row.file:
			row.material_status = "Missing"
		elif row.valid_until and getdate(row.valid_until) < today:
			row.material_status = "Expired"
		else:
			row.material_status = "Received"


def materials_by_approval(project) -> dict[str, list]:
	"""{approval item name: the library's materials it uses}."""
	by_item: dict[str, list] = {}
	for row in project.materials:
		for name in approvals_of(row):
			by_item.setdefault(name, []).append(row)
	return by_item


def upload_material(project, material: str, filename: str, content: bytes) -> None:
	"""The owner enterprise's upload of one material of its project (checked by the upload rules); the
	material becomes a new version, shared by every approval that uses it."""
	from govservice.api.portal import checked_name, save_file

	row = next((r for r in project.materials if r.material_name == material), None)
	if row is None:
		frappe.throw(
			_("{0} is not a material of this project.").format(shown(material)), frappe.ValidationError
		)
	if row.material_status == "Received":
		frappe.throw(
			_("{0} has been received; ask your liaison agent to replace it.").format(shown(material))
		)
	if project.status == "Completed":
		frappe.throw(_("This project is complete."))
	row.file = save_file(checked_name(filename, content), content, project).file_url
	project.flags.ignore_permissions = True  # the owner's upload to its own project, checked by the caller
	project.save()
	project.add_comment("Info", _("Material supplied on the portal: {0}").format(material))
