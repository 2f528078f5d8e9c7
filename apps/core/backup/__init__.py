"""Encrypted backups of the database and uploaded files (``manage.py backup`` / ``restore``).

``archive``: the encrypted, chunked outer format; ``databases``: snapshot and restore per
database vendor; ``services``: what goes into an archive and the checks around a restore.
"""
