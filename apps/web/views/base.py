from django.utils.functional import cached_property


class ScopedViewMixin:
    """Shared views read ``self.scope`` (``apps.web.scope``); each audience's base mixin builds it
    in ``get_scope()`` from what that audience has already checked (staff; the portal's tenant)."""

    def get_scope(self):
        raise NotImplementedError(f"{type(self).__name__} needs an audience's base mixin that builds the scope.")

    @cached_property
    def scope(self):
        return self.get_scope()
