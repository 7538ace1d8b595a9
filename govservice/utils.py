"""Helpers shared across govservice modules."""

import frappe


def bulk_insert_docs(doctype: str, rows: list[dict], now, chunk_size: int = 10000) -> None:
	"""Insert many records of `doctype` in a few multi-row INSERTs (one per `chunk_size` rows).

	For system-written rows (ledgers, notifications) where per-document hooks are not wanted: every row gets
	a random name and Administrator as owner; all rows must have the same keys.
	"""
	if not rows:
		return
	fields = list(rows[0])
	frappe.db.bulk_insert(
		doctype,
		fields=["name", "creation", "modified", "owner", "modified_by", *fields],
		values=[
			(
				frappe.generate_hash(length=12),
				now,
				now,
				"Administrator",
				"Administrator",
				*(row[f] for f in fields),
			)
			for row in rows
		],
		chunk_size=chunk_size,
	)
