"""Finding an activity's check-in page by its 6-digit code, typed on the public home page by a
volunteer who has no QR code at hand.

The code is short, so the look-up must not become a way to list activities: only activities
running today (local day) and not cancelled are found, look-ups that find nothing are limited per
client address (``RATE_LIMITS["checkin_code"]``), and a hit only leads to the check-in page, where
signing in still needs the code and a registered phone number (and is limited again there)."""

import datetime

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from apps.activities.models import Activity
from apps.core.filters import local_day_start
from apps.web import ratelimits

from ..forms import CheckInCodeForm

#: More than this many activities with one code today would be a suspicious coincidence: listed anyway,
#: but never more than this.
MATCHES_SHOWN = 5


def running_today(code):
    """Activities of ``code`` that run during today's local day, not cancelled."""
    today = timezone.localdate()
    start, end = local_day_start(today), local_day_start(today + datetime.timedelta(days=1))
    return (Activity.objects.filter(checkin_code=code, is_cancelled=False, starts_at__lt=end, ends_at__gt=start)
            .select_related("community").only("name", "place", "starts_at", "ends_at", "checkin_token",
                                              "community__name")
            .order_by("starts_at", "pk"))


def checkin_url(activity, code):
    return f"{reverse('public:checkin', args=[activity.checkin_token])}?{urlencode({'code': code})}"


@login_not_required
@never_cache
def checkin_find(request):
    form = CheckInCodeForm(request.POST or None)
    context = {"form": form, "matches": [], "wait": ""}
    if request.method == "POST":
        context["wait"] = ratelimits.blocked(request, "checkin_code")
        if context["wait"]:
            return render(request, "public/checkin_find.html", context, status=429)
        if form.is_valid():
            code = form.cleaned_data["code"]
            matches = list(running_today(code)[:MATCHES_SHOWN])
            if len(matches) == 1:
                return redirect(checkin_url(matches[0], code))
            if matches:
                context["matches"] = [(activity, checkin_url(activity, code)) for activity in matches]
            else:
                form.add_error("code", _("No activity running today has this code. Check the code announced on "
                                         "site, or scan the activity's QR code."))
                context["wait"] = ratelimits.count(request, "checkin_code")
    return render(request, "public/checkin_find.html", context)
