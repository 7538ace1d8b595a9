from govservice.security.rows import ParentScopedRow


class GSInspectionResult(ParentScopedRow):
	"""A row of an inspection or of its checklist template."""
