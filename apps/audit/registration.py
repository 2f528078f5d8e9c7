"""Helpers for ``auditlog.register`` calls.

django-auditlog (3.x) diffs a created or deleted object over ``_meta.get_fields()``, which also
yields reverse relations: a new project was logged with "contracts: None →
procurement.Contract.None". Registering with ``include_fields=own_fields(Model)`` limits the
diff to the model's own columns (many-to-many fields are logged through ``m2m_fields``).
"""


def own_fields(model, *, exclude=()):
    """Names of the model's concrete fields (its own columns), minus ``exclude``. Call it after
    the class body (at the ``auditlog.register`` line): forward fields are known by then."""
    return [field.name for field in model._meta.concrete_fields if field.name not in exclude]
