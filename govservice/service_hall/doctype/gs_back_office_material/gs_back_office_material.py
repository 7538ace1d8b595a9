from govservice.security.rows import ParentScopedRow


class GSBackOfficeMaterial(ParentScopedRow):
	pass
