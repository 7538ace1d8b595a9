from govservice.security.rows import ParentScopedRow


class GSMeetingAttendance(ParentScopedRow):
	"""A row of a joint meeting (GS Joint Meeting)."""
