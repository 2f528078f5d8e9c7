"""The organization's activities: list, create, detail with the sign-in QR code and 6-digit
code, bulk entry of its own volunteers' records, confirmation of the activity's pending
records (谁组织谁记录: the organization records and confirms its own activities; the steps and
the detail's context are shared with the back office: ``apps.web.views.activities``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView

from apps.activities import services
from apps.activities.models import Activity, OrganizerKind
from apps.web import errors
from apps.web.views import activities as shared

from ..filters.work import PortalActivityFilter
from ..forms.activities import PortalActivityForm
from ..tables.activities import PortalActivityTable
from .base import PortalViewMixin
from .lists import PortalListView


class ActivityListView(shared.ActivityListMixin, PortalListView):
    model = Activity
    table_class = PortalActivityTable
    filterset_class = PortalActivityFilter
    select_related = ("organization", "team", "community")
    template_name = "portal/work/activity_list.html"


class ActivityCreateView(PortalViewMixin, CreateView):
    required_role = "editor"
    model = Activity
    form_class = PortalActivityForm
    template_name = "portal/work/form.html"
    extra_context = {"title": gettext_lazy("New activity")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "scope": self.scope}

    def form_valid(self, form):
        fields = dict(form.cleaned_data)
        fields["organizer_kind"] = OrganizerKind.TEAM if fields.get("team") else OrganizerKind.ORGANIZATION
        try:
            self.object = services.activity_create(actor=self.request.user, organization=self.request.organization,
                                                   **fields)
        except ValidationError as error:
            errors.add_to_form(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Activity created."))
        return redirect("portal:work_activity_detail", org=self.request.organization.code, pk=self.object.pk)


class ActivityDetailView(shared.ActivityDetailMixin, PortalViewMixin, DetailView):
    template_name = "portal/work/activity_detail.html"
    context_object_name = "activity"

    def get_object(self, queryset=None):
        return self.scope.get_or_404(Activity.objects, pk=self.kwargs["pk"])


class RecordEntryView(PortalViewMixin, shared.RecordEntryView):
    required_role = "editor"
    activity_url = "work_activity_detail"


class ActivityConfirmView(PortalViewMixin, shared.ActivityConfirmView):
    """An approval step: admins only."""

    required_role = "admin"
    activity_url = "work_activity_detail"
