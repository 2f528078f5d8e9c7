from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList


class DateHierarchyChangeList(ChangeList):
    """Django's date hierarchy turns ``?<field>__year=`` into a ``datetime`` and catches only
    ValueError: a year like 99999999999999999999 raised OverflowError and the change list answered
    500. Treated like any other bad filter: the admin's "?e=1" redirect."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error


class DateHierarchyMixin:
    def get_changelist(self, request, **kwargs):
        return DateHierarchyChangeList


def guard_date_hierarchies(site=admin.site):
    """Give every registered admin with a date hierarchy ``DateHierarchyChangeList``: ours and
    those of django-auditlog and django-axes alike. Run once every admin module is registered."""
    for model, model_admin in list(site._registry.items()):
        if model_admin.date_hierarchy and not isinstance(model_admin, DateHierarchyMixin):
            guarded = type(type(model_admin).__name__, (DateHierarchyMixin, type(model_admin)), {})
            site.unregister(model)
            site.register(model, guarded)


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """For rows written only through the domain's services (audit events, service records):
    the admin shows them and changes nothing."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
