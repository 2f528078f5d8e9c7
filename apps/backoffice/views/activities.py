"""Activities: list, create (with positions), detail with sign-in QR code and code, bulk entry
of participants' records and bulk confirmation of the activity's pending records."""

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, FormView, View

from apps.activities import services
from apps.activities.models import Activity, RecordStatus, ServiceRecord
from apps.audit.selectors import object_history
from apps.core.scoping import get_visible_or_404

from ..filters.activities import ActivityFilter
from ..forms.activities import ActivityForm, RecordEntryForm
from ..tables.activities import ActivityTable
from .base import OfficeListView, OfficeObjectMixin, StaffRequiredMixin


class ActivityListView(OfficeListView):
    model = Activity
    table_class = ActivityTable
    filterset_class = ActivityFilter
    select_related = ("organization", "team", "community")
    template_name = "backoffice/activities/list.html"

    def get_queryset(self):
        return super().get_queryset().annotate(
            record_count=Count("records", filter=Q(records__status__in=[RecordStatus.PENDING, RecordStatus.CONFIRMED]))
        ).order_by("-starts_at", "-pk")


class ActivityCreateView(StaffRequiredMixin, CreateView):
    model = Activity
    form_class = ActivityForm
    template_name = "backoffice/activities/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        fields = {name: value for name, value in form.cleaned_data.items() if name != "positions"}
        try:
            self.object = services.activity_create(actor=self.request.user, positions=form.cleaned_data["positions"],
                                                   **fields)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        messages.success(self.request, _("Activity created."))
        return redirect("office:activity_detail", pk=self.object.pk)


def checkin_url(request, activity):
    return request.build_absolute_uri(reverse("public:checkin", args=[activity.checkin_token]))


class ActivityDetailView(OfficeObjectMixin, DetailView):
    model = Activity
    template_name = "backoffice/activities/detail.html"

    def get_object(self, queryset=None):
        return get_visible_or_404(Activity.objects.select_related("contract__project"), self.request.user,
                                  pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activity = self.object
        url = checkin_url(self.request, activity)
        records = activity.records.select_related("volunteer").order_by("volunteer__name", "pk")
        context.update(
            positions=activity.positions.all(),
            records=records,
            pending_count=sum(1 for r in records if r.status == RecordStatus.PENDING),
            checkin_url=url,
            checkin_qr=segno.make(url, error="m").svg_data_uri(scale=4, border=2),
            entry_form=RecordEntryForm(user=self.request.user),
            history=object_history(activity),
        )
        return context


class ActivityChildMixin(StaffRequiredMixin):
    http_method_names = ["post"]

    @cached_property
    def activity(self):
        return get_visible_or_404(Activity.objects, self.request.user, pk=self.kwargs["pk"])


class RecordEntryView(ActivityChildMixin, FormView):
    form_class = RecordEntryForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

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
        return redirect("office:activity_detail", pk=self.activity.pk)

    def form_invalid(self, form):
        messages.error(self.request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("office:activity_detail", pk=self.activity.pk)


class ActivityConfirmView(ActivityChildMixin, View):
    """Confirm every pending record of the activity."""

    def post(self, request, *args, **kwargs):
        records = ServiceRecord.objects.visible_to(request.user).filter(activity=self.activity)
        count = services.records_confirm(actor=request.user, records=records, request=request)
        messages.success(request, _("%(count)d record(s) confirmed.") % {"count": count})
        return redirect("office:activity_detail", pk=self.activity.pk)
