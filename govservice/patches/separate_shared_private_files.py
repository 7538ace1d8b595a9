"""Private files that Frappe stored once for several records (identical content) get a copy each: a private
file belongs to one record (govservice.security.files.keep_private_files_apart does it for new uploads)."""

import os
import shutil

import frappe
from frappe.core.doctype.file.utils import generate_file_name
from frappe.utils import get_files_path


def execute() -> None:
	shared = frappe.db.sql(
		"""select file_url from `tabFile` where is_private = 1 and is_folder = 0
		and file_url like '/private/files/%%' group by file_url having count(*) > 1""",
		pluck=True,
	)
	for url in shared:
		source = get_files_path(url.removeprefix("/private/files/"), is_private=1)
		if not os.path.exists(source):
			continue
		files = frappe.get_all(
			"File", filters={"file_url": url}, fields=["name", "file_name"], order_by="creation asc"
		)
		for file in files[1:]:
			name = generate_file_name(file.file_name or os.path.basename(source), is_private=True)
			shutil.copyfile(source, get_files_path(name, is_private=1))
			frappe.db.set_value(
				"File",
				file.name,
				{"file_url": f"/private/files/{name}", "file_name": name},
				update_modified=False,
			)
