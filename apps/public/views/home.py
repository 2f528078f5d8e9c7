"""The site root. Signed-in users go to their own home; anonymous visitors get the public home
page: log in, apply to join (申请入驻), verify a certificate, search the public disclosure (信息公开)
and sign in to an activity with its 6-digit code."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render

from ..forms import CheckInCodeForm, DisclosureSearchForm, VerifyForm


@login_not_required
def home(request):
    user = request.user
    if user.is_authenticated:
        return redirect("office:home" if user.is_office_staff else "portal:home")
    return render(request, "public/home.html", {
        "code_form": CheckInCodeForm(), "verify_form": VerifyForm(), "search_form": DisclosureSearchForm(),
    })
