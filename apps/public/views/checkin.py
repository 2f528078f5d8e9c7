"""The phone page behind an activity's QR code: volunteers sign in and out with their mobile
number and the activity's 6-digit code. No log-in; the URL's token is unguessable and the code
proves presence (it is announced on site)."""

import hmac

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from apps.activities.models import Activity
from apps.activities.services import checkin_sign_in, checkin_sign_out
from apps.core.crypto import keyed_hash
from apps.volunteers.models import Volunteer

from ..forms import CheckInForm


@login_not_required
@never_cache
def checkin(request, token):
    activity = get_object_or_404(Activity.objects.select_related("community"), checkin_token=token)
    result = None
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = _sign(activity, form)
    return render(request, "public/checkin.html", {"activity": activity, "form": form, "result": result})


def _sign(activity, form):
    data = form.cleaned_data
    if not hmac.compare_digest(data["code"], activity.checkin_code):
        form.add_error("code", _("The sign-in code is wrong."))
        return None
    volunteers = list(Volunteer.objects.filter(phone_hash=keyed_hash(data["phone"]))[:2])
    if len(volunteers) != 1:
        form.add_error("phone", _("No single registered volunteer has this number; ask the organizer."))
        return None
    volunteer = volunteers[0]
    try:
        if data["action"] == "in":
            checkin_sign_in(activity=activity, volunteer=volunteer)
            return {"kind": "in", "name": volunteer.name}
        record = checkin_sign_out(activity=activity, volunteer=volunteer)
        return {"kind": "out", "name": volunteer.name, "hours": record.hours}
    except ValidationError as error:
        form.add_error(None, error.messages)
        return None
