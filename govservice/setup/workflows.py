"""An administrator's changes to the app's workflows survive `bench migrate`.

The GS Case workflow ships as a fixture (hooks.fixtures), and Frappe imports fixtures with force on every
migrate: an upgrade, or the migrate after restoring a backup, would put back the shipped workflow over the
states and transitions the county's administrator added in the desk. So:

- after every install and migrate, the fingerprint of each shipped workflow as the fixture left it is kept
  (a site default);
- before a migrate, a workflow that no longer matches that fingerprint, or that somebody other than the
  system last saved, has been changed by an administrator: it is kept in a file beside the site's config;
- after the fixtures are imported, such a kept workflow is put back (its states, transitions and settings),
  and the file is removed. When the upgrade shipped a new version, a comment on the workflow says that it
  was not applied.
"""

import hashlib
import json
import os

import frappe

from govservice.hooks import fixtures

KEEP_FILE = "govservice-kept-workflows.json"
META = {"name", "owner", "creation", "modified", "modified_by", "docstatus", "idx", "parent", "parentfield"}
META |= {"parenttype", "doctype", "_user_tags", "_comments", "_assign", "_liked_by"}


def shipped_workflows() -> list[str]:
	for fixture in fixtures:
		if isinstance(fixture, dict) and fixture.get("dt") == "Workflow":
			return [name for _field, _op, names in fixture["filters"] for name in names]
	return []


def definition(name: str) -> dict:
	"""The workflow's content without its bookkeeping: what a fingerprint and a restore need."""
	doc = frappe.get_doc("Workflow", name).as_dict()
	out = {key: value for key, value in doc.items() if key not in META and not isinstance(value, list)}
	for table in ("states", "transitions"):
		out[table] = [
			{key: value for key, value in row.items() if key not in META} for row in doc.get(table) or []
		]
	return json.loads(frappe.as_json(out))


def fingerprint(content: dict) -> str:
	return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def default_key(name: str) -> str:
	return f"govservice_workflow_fixture:{name}"


def keep_path() -> str:
	return frappe.get_site_path(KEEP_FILE)


def remember_shipped() -> None:
	"""After the fixtures are imported: each shipped workflow's fingerprint, as shipped."""
	for name in shipped_workflows():
		if frappe.db.exists("Workflow", name):
			frappe.db.set_default(default_key(name), fingerprint(definition(name)))


def keep_changed() -> None:
	"""Before a migrate: the shipped workflows an administrator changed, into the keep file."""
	if os.path.exists(keep_path()):
		return  # a migrate that stopped half-way: the file already holds the administrator's versions
	kept = {}
	for name in shipped_workflows():
		if not frappe.db.exists("Workflow", name):
			continue
		content = definition(name)
		shipped = frappe.db.get_default(default_key(name))
		saved_by = frappe.db.get_value("Workflow", name, "modified_by")
		if (shipped and fingerprint(content) != shipped) or saved_by not in ("Administrator", None):
			kept[name] = content
	if kept:
		with open(keep_path(), "w", encoding="utf-8") as handle:
			json.dump(kept, handle, ensure_ascii=False)


def restore_kept() -> None:
	"""After the fixtures: the administrator's versions back, and the fingerprints of the shipped ones."""
	kept = {}
	if os.path.exists(keep_path()):
		with open(keep_path(), encoding="utf-8") as handle:
			kept = json.load(handle)
	before = {name: frappe.db.get_default(default_key(name)) for name in kept}
	remember_shipped()
	for name, content in kept.items():
		if not frappe.db.exists("Workflow", name):
			continue
		doc = frappe.get_doc("Workflow", name)
		for key, value in content.items():
			if key not in ("states", "transitions"):
				doc.set(key, value)
		doc.set("states", content.get("states") or [])
		doc.set("transitions", content.get("transitions") or [])
		doc.flags.ignore_permissions = True  # the administrator's own version, put back by the system
		doc.save()
		if before.get(name) != frappe.db.get_default(default_key(name)):  # the upgrade brought a new one
			doc.add_comment(
				"Info",
				frappe._(
					"This workflow was changed by an administrator: the version shipped with the upgrade was not applied.",
					lang=frappe.db.get_single_value("System Settings", "language") or "en",
				),
			)
	if os.path.exists(keep_path()):
		os.remove(keep_path())
