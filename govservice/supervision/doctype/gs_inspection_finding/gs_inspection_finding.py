from govservice.security.rows import ParentScopedRow


class GSInspectionFinding(ParentScopedRow):
	"""A row of an inspection or of its checklist template."""
