"""What the back office and the portal both need, written once below them: the scope that tells
the two audiences apart (``scope``), list views, filter sets, forms and the views of shared steps
(record entry, confirmation, correction, certificates, team members), parameterised by scope.

Layering (``.importlinter``): the audience apps (``backoffice``, ``portal``, ``public``) may
import this app; this app imports only domain apps; domain apps never import it.
"""
