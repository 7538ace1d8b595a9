from govservice.security.rows import ParentScopedRow


class GSAssessmentLine(ParentScopedRow):
	"""A row of a township assessment (综合考核)."""
