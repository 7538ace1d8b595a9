"""What a backup must bring back, compared between a site and the site restored from its backup
(scripts/restore-check runs these through `bench execute` on both and compares the JSON they print).

- the row count of every table (except the ones a running site writes to by itself: logs, sessions, caches);
- the SHA-256 of every private file (the applicants' materials) and public file on disk;
- an encrypted value (a password field) that only the site's own `encryption_key` can read back;
- whether the scheduler runs.
"""

import hashlib
import json
import os

import frappe
from frappe.utils.password import get_decrypted_password, set_encrypted_password

# written by a site as it runs, or by the backup and restore themselves
VOLATILE = (
	"tabAccess Log",
	"tabActivity Log",
	"tabError Log",
	"tabScheduled Job Log",
	"tabSessions",
	"tabRoute History",
	"tabPrepared Report",
	"tabSubmission Queue",
	"tabVersion",
	"tabDeleted Document",
	"__global_search",
	"tabUnhandled Email",
	"tabEmail Queue",
	"tabEmail Queue Recipient",
	"tabRQ Job",
)
# the app's records and what administrators configure: they must come through a migrate unchanged
APP_TABLES = (
	"tabGS ",
	"tabWorkflow",
	"tabNotification",
	"tabUser",
	"tabFile",
	"tabHas Role",
	"tabUser Permission",
)
SECRET_DOCTYPE = "GS Settings"
SECRET_FIELD = "govservice_restore_check"


def plant_secret(value: str) -> None:
	"""Store `value` encrypted with the site's key (Frappe's __Auth table, as password fields are)."""
	set_encrypted_password(SECRET_DOCTYPE, SECRET_DOCTYPE, value, SECRET_FIELD)
	frappe.db.commit()


def file_checksums() -> dict[str, str]:
	out = {}
	for file in frappe.get_all("File", filters={"is_folder": 0}, fields=["name", "file_url", "is_private"]):
		if not file.file_url or not file.file_url.startswith(("/files/", "/private/files/")):
			continue
		path = frappe.get_site_path(
			("private" if file.is_private else "public"), "files", file.file_url.split("/")[-1]
		)
		if os.path.exists(path):
			with open(path, "rb") as f:
				out[file.file_url] = hashlib.sha256(f.read()).hexdigest()
		else:
			out[file.file_url] = "missing"
	return out


def fingerprint() -> None:
	"""Print the site's fingerprint as one JSON line."""
	from frappe.utils.scheduler import is_scheduler_disabled

	tables = [row[0] for row in frappe.db.sql("show tables")]
	counts = {
		table: frappe.db.sql(f"select count(*) from `{table}`")[0][0]
		for table in sorted(tables)
		if table not in VOLATILE
	}
	try:
		secret = get_decrypted_password(SECRET_DOCTYPE, SECRET_DOCTYPE, SECRET_FIELD, raise_exception=False)
	except Exception as error:  # a wrong key cannot decrypt: say so, do not stop
		secret = f"undecryptable: {type(error).__name__}"
	print(
		json.dumps(
			{
				"counts": counts,
				"files": file_checksums(),
				"secret": secret,
				"scheduler_enabled": not is_scheduler_disabled(verbose=False),
			},
			ensure_ascii=False,
		)
	)


def compare(original: str, restored: str, after_migrate: bool = False) -> list[str]:
	"""The differences between two fingerprints (JSON), as sentences; empty when the restore is whole.

	Straight after the restore every table and file must match. After the migrate (which the README runs
	in case the code is newer than the backup, and which lets Frappe tidy its own tables) the app's
	records, the workflows, the encrypted value and the running scheduler must."""
	a, b = json.loads(original), json.loads(restored)
	problems = []
	for table, count in a["counts"].items():
		if after_migrate and not table.startswith(APP_TABLES):
			continue
		if b["counts"].get(table) != count:
			problems.append(f"{table}: {count} rows, restored {b['counts'].get(table)}")
	for url, digest in a["files"].items():
		if b["files"].get(url) != digest:
			problems.append(f"{url}: checksum {digest}, restored {b['files'].get(url)}")
	if after_migrate:
		if a["secret"] != b["secret"]:
			problems.append(
				f"encrypted value: {a['secret']!r}, restored {b['secret']!r} (encryption key not carried)"
			)
		if not b["scheduler_enabled"]:
			problems.append("the restored site's scheduler is off")
	return problems
