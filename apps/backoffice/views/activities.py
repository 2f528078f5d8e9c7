"""Activities: list, create (with positions), detail with sign-in QR code and code, bulk entry
of participants' records and bulk confirmation of the activity's pending records (the last two,
and the detail's context, shared with the portal: ``apps.web.views.activities``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView

from apps.activities import services
from apps.activities.models import Activity
from apps.audit.selectors import object_history
from apps.web import errors
from apps.web.views import activities as shared

from ..filters.activities import ActivityFilter
from ..forms.activities import ActivityForm
from ..tables.activities import ActivityTable
from .base import OfficeListView, OfficeObjectMixin, StaffRequiredMixin


class ActivityListView(shared.ActivityListMixin, OfficeListView):
    model = Activity
    table_class = ActivityTable
    filterset_class = ActivityFilter
    select_related = ("organization", "team", "community")
    template_name = "backoffice/activities/list.html"


class ActivityCreateView(StaffRequiredMixin, CreateView):
    model = Activity
    form_class = ActivityForm
    template_name = "backoffice/activities/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "scope": self.scope}

    def form_valid(self, form):
        fields = {name: value for name, value in form.cleaned_data.items() if name != "positions"}
        try:
            self.object = services.activity_create(actor=self.request.user, positions=form.cleaned_data["positions"],
                                                   **fields)
        except ValidationError as error:
            errors.add_to_form(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Activity created."))
        return redirect("office:activity_detail", pk=self.object.pk)


class ActivityDetailView(shared.ActivityDetailMixin, OfficeObjectMixin, DetailView):
    model = Activity
    template_name = "backoffice/activities/detail.html"

    def get_object(self, queryset=None):
        return self.scope.get_or_404(Activity.objects.select_related("contract__project"), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(positions=self.object.positions.all(), history=object_history(self.object),
                                        **kwargs)


class RecordEntryView(StaffRequiredMixin, shared.RecordEntryView):
    activity_url = "activity_detail"


class ActivityConfirmView(StaffRequiredMixin, shared.ActivityConfirmView):
    activity_url = "activity_detail"
