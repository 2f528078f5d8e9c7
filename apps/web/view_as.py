"""Staff "view as organization": the back office starts and ends the read-only session (audited
there); the portal's tenant middleware reads it. The session key is their one shared fact."""

#: Session key holding the pk of the organization a staff user views as.
VIEW_AS_SESSION_KEY = "portal_view_as"
