"""API clients of other government systems (issue 17): list, create (the token is shown once, on
the answer to the creation), detail with the client's recent calls from the audit log, revoke.
Staff see the clients of their area; staff at street level or above manage them."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import CharField
from django.db.models.functions import Cast
from django.shortcuts import redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.generic import DetailView, FormView

from apps.apiclients.models import ApiClient
from apps.apiclients.permissions import can_manage_api_clients
from apps.apiclients.services import api_client_create, api_client_revoke
from apps.audit.models import AuditAction, AuditEvent
from apps.audit.selectors import object_history
from apps.web import errors

from ..filters.api_clients import ApiCallFilter, ApiClientFilter
from ..forms.api_clients import ApiClientForm, ApiClientRevokeForm
from ..tables.api_clients import ApiCallTable, ApiClientTable
from .base import OfficeListView, OfficeObjectMixin, StaffRequiredMixin

#: Calls shown on a client's page (all of them are in the audit log).
RECENT_CALLS = 50


class ManagerRequiredMixin(StaffRequiredMixin):
    """After the staff check: community workers read the clients but do not manage them."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_office_staff and not can_manage_api_clients(request.user):
            raise PermissionDenied(_("Only street-office staff manage API clients."))
        return super().dispatch(request, *args, **kwargs)


class ApiClientListView(OfficeListView):
    model = ApiClient
    table_class = ApiClientTable
    filterset_class = ApiClientFilter
    select_related = ("area", "organization")
    template_name = "backoffice/api_clients/list.html"
    export_formats = ()  # a list of systems, not of people or records: nothing to export

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_manage=can_manage_api_clients(self.request.user), **kwargs)


class ApiCallListView(OfficeListView):
    """The audit log of API access: every call of the clients the user sees (their area's), newest
    first; the Django admin's audit events hold the same entries for the whole deployment."""

    model = AuditEvent
    table_class = ApiCallTable
    filterset_class = ApiCallFilter
    export_formats = ()
    title = _lazy("API calls")

    def get_queryset(self):
        clients = self.scope.rows(ApiClient.objects).annotate(key=Cast("pk", CharField())).values("key")
        return AuditEvent.objects.filter(action=AuditAction.API, content_type=ContentType.objects.get_for_model(ApiClient),
                                         object_id__in=clients)


class ApiClientCreateView(ManagerRequiredMixin, FormView):
    form_class = ApiClientForm
    template_name = "backoffice/api_clients/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "scope": self.scope}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            client, token = api_client_create(
                actor=self.request.user, name=data["name"], contact=data["contact"], area=data["area"],
                organization=data["organization"], access=data["access"], valid_days=data["valid_days"],
                rate_limit=data["rate_limit"])
        except ValidationError as error:
            errors.add_to_form(form, error)
            return self.form_invalid(form)
        # The token is shown on this answer only (never cached: apps/web/middleware.py); the
        # database keeps its keyed hash.
        return render(self.request, "backoffice/api_clients/created.html", {"client": client, "token": token})


class ApiClientDetailView(OfficeObjectMixin, DetailView):
    model = ApiClient
    template_name = "backoffice/api_clients/detail.html"

    def get_object(self, queryset=None):
        return self.scope.get_or_404(ApiClient.objects.select_related("area", "organization", "created_by",
                                                                      "revoked_by"), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        calls = (AuditEvent.objects.filter(action=AuditAction.API, content_type__model="apiclient",
                                           content_type__app_label="apiclients", object_id=str(self.object.pk))
                 .order_by("-created_at", "-pk")[:RECENT_CALLS])
        return super().get_context_data(
            calls=calls, history=object_history(self.object), revoke_form=ApiClientRevokeForm(),
            can_revoke=can_manage_api_clients(self.request.user) and self.object.revoked_at is None, **kwargs)


class ApiClientRevokeView(ManagerRequiredMixin, FormView):
    http_method_names = ["post"]
    form_class = ApiClientRevokeForm

    @cached_property
    def client(self):
        return self.scope.get_or_404(ApiClient.objects, pk=self.kwargs["pk"])

    def form_valid(self, form):
        try:
            api_client_revoke(actor=self.request.user, client=self.client, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
        else:
            messages.success(self.request, _("The client's token is revoked: its calls are refused from now on."))
        return redirect("office:api_client_detail", pk=self.client.pk)

    def form_invalid(self, form):
        messages.error(self.request, errors.form_errors(form))
        return redirect("office:api_client_detail", pk=self.client.pk)
