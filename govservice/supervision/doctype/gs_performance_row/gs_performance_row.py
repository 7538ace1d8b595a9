from govservice.security.rows import ParentScopedRow


class GSPerformanceRow(ParentScopedRow):
	"""One agent's, service item's or department's figures in a centre's month (GS Performance Report)."""
