"""The working calendar: each year's State Council holiday arrangement, from which the
publication and filing deadlines of contracts are counted. Every member of staff reads it;
city staff and superusers enter and correct it (others get 403)."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from apps.holidays import services
from apps.holidays.models import FIRST_YEAR, LAST_YEAR, DayKind, HolidayDay, HolidayYear
from apps.holidays.permissions import can_edit_working_calendar
from apps.holidays.statutory import fixed_days_off
from apps.procurement.models import Contract
from apps.procurement.workdays import waiting_for_year

from ..filters.calendar import HolidayDayFilter, HolidayYearFilter
from ..forms.calendar import ConfirmForm, HolidayDayForm, HolidayYearEnterForm
from ..tables.calendar import HolidayDayTable, HolidayYearTable
from .base import OfficeListView, StaffRequiredMixin
from .procurement_base import add_service_errors


def _checked_year(value) -> int:
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise Http404(_("No holiday arrangement can be entered for this year."))
    return value


def _fixed_days(year):
    """The days off fixed by law in ``year``, as (date, festival), for the pages' reminder."""
    return [(datetime.date(year, month, day), name) for (month, day), name in sorted(fixed_days_off(year).items())]


class HolidayYearListView(OfficeListView):
    model = HolidayYear
    table_class = HolidayYearTable
    filterset_class = HolidayYearFilter
    select_related = ("entered_by",)
    template_name = "backoffice/calendar/year_list.html"
    title = gettext_lazy("Holiday arrangements")

    def get_queryset(self):
        return super().get_queryset().annotate(
            days_off=Count("days", filter=Q(days__kind=DayKind.DAY_OFF)),
            working_days=Count("days", filter=Q(days__kind=DayKind.WORKING_DAY)),
        )

    def get_context_data(self, **kwargs):
        this_year = timezone.localdate().year
        entered = set(HolidayYear.objects.entered().filter(year__gte=this_year).values_list("year", flat=True))
        return super().get_context_data(
            can_edit_calendar=can_edit_working_calendar(self.request.user),
            # This year's and next year's notices are the ones deadlines count on now.
            years_to_enter=[year for year in (this_year, this_year + 1) if year not in entered], **kwargs)


class HolidayYearDetailView(OfficeListView):
    """A year's days (the list) with the year's status and its steps."""

    model = HolidayDay
    table_class = HolidayDayTable
    filterset_class = HolidayDayFilter
    paginate_by = 100
    export_formats = ()  # a year's few dozen days fit on the page (the list of years exports)
    template_name = "backoffice/calendar/year_detail.html"

    @cached_property
    def year(self):
        return _checked_year(self.kwargs["year"])

    @cached_property
    def arrangement(self):
        return HolidayYear.objects.select_related("entered_by").filter(year=self.year).first()

    @property
    def title(self):
        return _("Holiday arrangement %(year)s") % {"year": self.year}

    def get_queryset(self):
        return super().get_queryset().filter(arrangement__year=self.year)

    def get_table_kwargs(self):
        return {} if can_edit_working_calendar(self.request.user) else {"exclude": ("change", "remove")}

    def get_context_data(self, **kwargs):
        waiting = Contract.objects.visible_to(self.request.user).filter(waiting_for_year(self.year)).count() \
            if not (self.arrangement and self.arrangement.entered) else 0
        return super().get_context_data(
            year=self.year, arrangement=self.arrangement, fixed_days=_fixed_days(self.year),
            can_edit_calendar=can_edit_working_calendar(self.request.user), waiting_contracts=waiting, **kwargs)


class CalendarFormView(StaffRequiredMixin, FormView):
    """A form of the calendar that calls one service; city staff and superusers only."""

    template_name = "backoffice/calendar/form.html"
    title = ""
    submit_label = gettext_lazy("Save")
    confirm_note = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_office_staff and not can_edit_working_calendar(request.user):
            raise PermissionDenied(_("Only city staff may change the holiday arrangements."))
        return super().dispatch(request, *args, **kwargs)

    @property
    def year(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=self.title, year=self.year, submit_label=self.submit_label, confirm_note=self.confirm_note,
            back_url=self.get_success_url(), fixed_days=_fixed_days(self.year), **kwargs)

    def form_valid(self, form):
        try:
            message = self.perform(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.get_success_url())

    def perform(self, form) -> str:
        raise NotImplementedError

    def get_success_url(self):
        return reverse("office:holiday_year_detail", args=[self.year])


class DayMixin:
    """A view about one existing day (``pk``)."""

    @cached_property
    def day(self):
        return self.scope.get_or_404(HolidayDay.objects.select_related("arrangement"), pk=self.kwargs["pk"])

    @property
    def year(self):
        return self.day.arrangement.year


class HolidayDayCreateView(CalendarFormView):
    form_class = HolidayDayForm

    @cached_property
    def year(self):
        return _checked_year(self.kwargs["year"])

    @property
    def title(self):
        return _("Add a day to the %(year)s arrangement") % {"year": self.year}

    def perform(self, form):
        day = services.holiday_day_add(actor=self.request.user, year=self.year, **form.cleaned_data)
        return _("Added %(day)s.") % {"day": day}


class HolidayDayUpdateView(DayMixin, CalendarFormView):
    form_class = HolidayDayForm

    @property
    def title(self):
        return _("Change %(day)s") % {"day": self.day}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.day}

    def perform(self, form):
        day = services.holiday_day_change(actor=self.request.user, day=self.day, **form.cleaned_data)
        return _("Saved %(day)s.") % {"day": day}


class HolidayDayDeleteView(DayMixin, CalendarFormView):
    form_class = ConfirmForm
    submit_label = gettext_lazy("Delete")

    @property
    def title(self):
        return _("Remove %(day)s") % {"day": self.day}

    @property
    def confirm_note(self):
        if self.day.arrangement.entered:
            return _("The year is entered: open contract deadlines counted across this day are recomputed.")
        return ""

    def perform(self, form):
        label = str(self.day)
        services.holiday_day_remove(actor=self.request.user, day=self.day)
        return _("Removed %(day)s.") % {"day": label}


class HolidayYearEnterView(CalendarFormView):
    form_class = HolidayYearEnterForm
    submit_label = gettext_lazy("Mark the year as entered")
    template_name = "backoffice/calendar/year_enter.html"

    @cached_property
    def year(self):
        return _checked_year(self.kwargs["year"])

    @property
    def title(self):
        return _("Mark the %(year)s arrangement as entered") % {"year": self.year}

    def get_context_data(self, **kwargs):
        counts = dict(HolidayDay.objects.filter(arrangement__year=self.year).values_list("kind")
                      .annotate(n=Count("pk")).order_by())
        arrangement = HolidayYear.objects.filter(year=self.year).first()
        return super().get_context_data(
            arrangement=arrangement, days_off=counts.get(DayKind.DAY_OFF, 0),
            working_days=counts.get(DayKind.WORKING_DAY, 0),
            waiting_contracts=Contract.objects.visible_to(self.request.user).filter(
                waiting_for_year(self.year)).count(), **kwargs)

    def get_initial(self):
        arrangement = HolidayYear.objects.filter(year=self.year).first()
        return {"notice": arrangement.notice if arrangement else ""}

    def perform(self, form):
        services.holiday_year_enter(actor=self.request.user, year=self.year, notice=form.cleaned_data["notice"])
        return _("The %(year)s arrangement is entered: deadlines in %(year)s now count its days, and open "
                 "deadlines counted without it have been recomputed.") % {"year": self.year}
