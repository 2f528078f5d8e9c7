"""An activity's page and the steps both audiences take on it: bulk entry of participants'
records and confirmation of its pending records (谁组织谁记录)."""

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from apps.activities import services
from apps.activities.models import Activity, RecordStatus, ServiceRecord

from ..errors import form_errors
from ..forms.records import RecordEntryForm
from .base import ScopedViewMixin


def checkin_url(request, activity):
    """The public sign-in page behind the activity's QR code."""
    return request.build_absolute_uri(reverse("public:checkin", args=[activity.checkin_token]))


class ActivityListMixin:
    """Activities newest first, each with its count of live (pending or confirmed) records."""

    def get_queryset(self):
        return super().get_queryset().annotate(
            record_count=Count("records", filter=Q(records__status__in=[RecordStatus.PENDING, RecordStatus.CONFIRMED]))
        ).order_by("-starts_at", "-pk")


class ActivityDetailMixin(ScopedViewMixin):
    """For a ``DetailView`` of an activity: its records, the sign-in QR code and the entry form."""

    def get_context_data(self, **kwargs):
        activity = self.object
        url = checkin_url(self.request, activity)
        records = list(activity.records.select_related("volunteer").order_by("volunteer__name", "pk"))
        return super().get_context_data(
            records=records, pending_count=sum(1 for r in records if r.status == RecordStatus.PENDING),
            checkin_url=url, checkin_qr=segno.make(url, error="m").svg_data_uri(scale=4, border=2),
            entry_form=RecordEntryForm(scope=self.scope), can_edit=self.scope.allows("editor"),
            can_confirm=self.scope.allows("admin"), **kwargs)


class ActivityChildMixin(ScopedViewMixin):
    """POST steps on one activity, loaded through the scope; back to ``activity_url`` after."""

    http_method_names = ["post"]
    activity_url = ""  # URL name (without namespace) of the activity's page in this audience

    @cached_property
    def activity(self):
        return self.scope.get_or_404(Activity.objects, pk=self.kwargs["pk"])

    def back(self):
        return self.scope.redirect(self.activity_url, pk=self.activity.pk)


class RecordEntryView(ActivityChildMixin, FormView):
    form_class = RecordEntryForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "scope": self.scope}

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
    """Confirm every pending record of the activity."""

    def post(self, request, *args, **kwargs):
        records = self.scope.rows(ServiceRecord.objects).filter(activity=self.activity)
        count = services.records_confirm(actor=request.user, records=records, request=request)
        messages.success(request, _("%(count)d record(s) confirmed.") % {"count": count})
        return self.back()
