from govservice.security.rows import ParentScopedRow


class GSMeetingAgendaItem(ParentScopedRow):
	"""A row of a joint meeting (GS Joint Meeting)."""
