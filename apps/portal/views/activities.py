"""The organization's activities: list, create, detail with the sign-in QR code and 6-digit
code, bulk entry of its own volunteers' records, confirmation of the activity's pending
records (谁组织谁记录: the organization records and confirms its own activities)."""

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, FormView, View

from apps.activities import services
from apps.activities.models import Activity, OrganizerKind, RecordStatus, ServiceRecord
from apps.backoffice.views.activities import checkin_url

from ..filters.work import PortalActivityFilter
from ..forms.activities import PortalActivityForm, PortalRecordEntryForm
from ..tables.activities import PortalActivityTable
from .base import PortalViewMixin
from .lists import PortalListView, form_errors


def activity_for(request, pk):
    return get_object_or_404(Activity.objects.for_organization(request.organization), pk=pk)


class ActivityListView(PortalListView):
    model = Activity
    table_class = PortalActivityTable
    filterset_class = PortalActivityFilter
    select_related = ("organization", "team", "community")
    template_name = "portal/work/activity_list.html"

    def get_queryset(self):
        return super().get_queryset().annotate(
            record_count=Count("records", filter=Q(records__status__in=[RecordStatus.PENDING, RecordStatus.CONFIRMED]))
        ).order_by("-starts_at", "-pk")


class ActivityCreateView(PortalViewMixin, CreateView):
    required_role = "editor"
    model = Activity
    form_class = PortalActivityForm
    template_name = "portal/work/form.html"
    extra_context = {"title": gettext_lazy("New activity")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organization": self.request.organization}

    def form_valid(self, form):
        fields = dict(form.cleaned_data)
        fields["organizer_kind"] = OrganizerKind.TEAM if fields.get("team") else OrganizerKind.ORGANIZATION
        try:
            self.object = services.activity_create(actor=self.request.user, organization=self.request.organization,
                                                   **fields)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        messages.success(self.request, _("Activity created."))
        return redirect("portal:work_activity_detail", org=self.request.organization.code, pk=self.object.pk)


class ActivityDetailView(PortalViewMixin, DetailView):
    template_name = "portal/work/activity_detail.html"
    context_object_name = "activity"

    def get_object(self, queryset=None):
        return activity_for(self.request, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        activity = self.object
        url = checkin_url(self.request, activity)
        records = list(activity.records.select_related("volunteer").order_by("volunteer__name", "pk"))
        return super().get_context_data(
            records=records, pending_count=sum(1 for r in records if r.status == RecordStatus.PENDING),
            checkin_url=url, checkin_qr=segno.make(url, error="m").svg_data_uri(scale=4, border=2),
            entry_form=PortalRecordEntryForm(organization=self.request.organization),
            can_edit=self.request.membership.has_role("editor"),
            can_confirm=self.request.membership.has_role("admin"), **kwargs)


class ActivityChildMixin(PortalViewMixin):
    http_method_names = ["post"]

    @cached_property
    def activity(self):
        return activity_for(self.request, self.kwargs["pk"])

    def back(self):
        return redirect("portal:work_activity_detail", org=self.request.organization.code, pk=self.activity.pk)


class RecordEntryView(ActivityChildMixin, FormView):
    required_role = "editor"
    form_class = PortalRecordEntryForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organization": self.request.organization}

    def form_valid(self, form):
        data = form.cleaned_data
        entries = [{"volunteer": v, "hours": data["hours"], "content": data["content"]} for v in data["volunteers"]]
        try:
            created = services.records_enter(actor=self.request.user, activity=self.activity, entries=entries,
                                             request=self.request)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
        else:
            messages.success(self.request, _("%(count)d record(s) entered.") % {"count": len(created)})
        return self.back()

    def form_invalid(self, form):
        messages.error(self.request, form_errors(form))
        return self.back()


class ActivityConfirmView(ActivityChildMixin, View):
    """Confirm every pending record of the activity (an approval step: admins only)."""

    required_role = "admin"

    def post(self, request, *args, **kwargs):
        records = ServiceRecord.objects.for_organization(request.organization).filter(activity=self.activity)
        count = services.records_confirm(actor=request.user, records=records, request=request)
        messages.success(request, _("%(count)d record(s) confirmed.") % {"count": count})
        return self.back()
