from govservice.security.rows import ParentScopedRow


class GSAssessmentRanking(ParentScopedRow):
	"""A row of a township assessment (综合考核)."""
