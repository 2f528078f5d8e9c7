"""The phone page behind an activity's QR code: volunteers sign in and out with their mobile
number and the activity's 6-digit code. No log-in; the URL's token is unguessable and the code
proves presence (it is announced on site).

The page is open to anyone who has the link, so it must not become a directory of registered
phone numbers (issue 14): every failure after the right code gets the same answer and the same
database work whether or not the number is registered, failed attempts are limited per activity
and address, and a success shows the masked name only."""

import hmac

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from apps.activities.models import Activity, CheckIn
from apps.activities.services import checkin_sign_in, checkin_sign_out
from apps.core.crypto import keyed_hash
from apps.core.masking import mask_name
from apps.volunteers.models import Volunteer
from apps.web import ratelimits

from ..forms import CheckInForm


@login_not_required
@never_cache
def checkin(request, token):
    activity = get_object_or_404(Activity.objects.select_related("community"), checkin_token=token)
    form = CheckInForm(request.POST or None, initial=_code_from_link(request))
    context = {"activity": activity, "form": form, "result": None, "wait": ""}
    if request.method == "POST":
        context["wait"] = ratelimits.blocked(request, "checkin", token)
        if context["wait"]:
            return render(request, "public/checkin.html", context, status=429)
        if form.is_valid():
            context["result"] = _sign(activity, form)
            if context["result"] is None:
                # Wrong codes and failed sign-ins alike: both are guesses of someone's number.
                context["wait"] = ratelimits.count(request, "checkin", token)
    return render(request, "public/checkin.html", context)


def _code_from_link(request):
    """The code typed on the home page comes along in the link (``checkin_code``), to be typed once.
    Anything but six ASCII digits is left out: the field is then simply empty."""
    code = request.GET.get("code", "")
    return {"code": code} if len(code) == 6 and code.isascii() and code.isdigit() else {}


def _sign(activity, form):
    data = form.cleaned_data
    if not hmac.compare_digest(data["code"].encode(), activity.checkin_code.encode()):
        form.add_error("code", _("The sign-in code is wrong."))
        return None
    volunteers = list(Volunteer.objects.filter(phone_hash=keyed_hash(data["phone"]))[:2])
    try:
        if len(volunteers) != 1:
            _fail_like_a_sign_in(activity)
        volunteer = volunteers[0]
        if data["action"] == "in":
            checkin_sign_in(activity=activity, volunteer=volunteer)
            return {"kind": "in", "name": mask_name(volunteer.name)}
        record = checkin_sign_out(activity=activity, volunteer=volunteer)
        return {"kind": "out", "name": mask_name(volunteer.name), "hours": record.hours}
    except ValidationError:
        # The services' reasons (already signed in, not signed in, overlapping service...) exist
        # only for registered numbers, so showing them would tell those numbers apart.
        form.add_error(None, _("This number could not be signed in or out here. Check the number and the button "
                               "(sign in on arrival, sign out when leaving); if it still fails, ask the organizer."))
        return None


def _fail_like_a_sign_in(activity):
    """Fail with the transaction and look-up that a registered number's failing sign-in or sign-out
    makes, so that an unregistered number is not answered measurably faster."""
    with transaction.atomic():
        CheckIn.objects.select_for_update().filter(activity=activity, volunteer=None).first()
        raise ValidationError("no single volunteer has this number")
