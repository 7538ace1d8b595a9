"""Scoped records carry their township and county (the scope's indexed columns): fill them for records
written before."""

from govservice.security.scope import refill_scope_centres


def execute() -> None:
	refill_scope_centres()
