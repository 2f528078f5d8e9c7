from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import BadRequest, ValidationError


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


class SelectedActionsMixin:
    """An action's ticked rows (``_selected_action``) reach ``queryset.filter(pk__in=…)`` unchecked:
    a value that is no primary key (``-0.0``, ``²``) raised ValueError and the change list answered
    500. A selection no list can have sent is a bad request (the 400 page)."""

    def response_action(self, request, queryset, *args, **kwargs):
        pk = self.model._meta.pk
        for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
            try:
                pk.to_python(value)
            except ValidationError:
                raise BadRequest("The selected rows are not rows of this list.") from None
        return super().response_action(request, queryset, *args, **kwargs)


def guarded(admin_class):
    """``admin_class`` with ``SelectedActionsMixin`` and, with a date hierarchy,
    ``DateHierarchyChangeList`` (each only where it is missing)."""
    mixins = tuple(mixin for mixin, needed in ((SelectedActionsMixin, True),
                                               (DateHierarchyMixin, bool(admin_class.date_hierarchy)))
                   if needed and not issubclass(admin_class, mixin))
    return type(admin_class.__name__, (*mixins, admin_class), {}) if mixins else admin_class


class GuardedAdminSite(admin.AdminSite):
    """The project's admin site (``GuardedAdminConfig.default_site``): every admin registered on it,
    ours and those of django-auditlog, django-axes, django-tasks alike, is ``guarded``. Done at
    ``register``, the site's public seam, rather than by rewriting its registry afterwards."""

    def register(self, model_or_iterable, admin_class=None, **options):
        super().register(model_or_iterable, guarded(admin_class or admin.ModelAdmin), **options)


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """For rows written only through the domain's services (audit events, service records):
    the admin shows them and changes nothing."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
