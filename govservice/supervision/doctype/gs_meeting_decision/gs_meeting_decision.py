from govservice.security.rows import ParentScopedRow


class GSMeetingDecision(ParentScopedRow):
	"""A row of a joint meeting (GS Joint Meeting)."""
