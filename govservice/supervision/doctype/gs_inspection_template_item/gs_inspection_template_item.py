from govservice.security.rows import ParentScopedRow


class GSInspectionTemplateItem(ParentScopedRow):
	"""A row of an inspection or of its checklist template."""
