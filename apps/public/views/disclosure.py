"""信息公开: the public disclosure of purchased services and credit lists, for anybody without
an account. Only what the purchaser publishes anyway: no person's name, phone or ID appears
(the querysets name the columns they read, so a new personal field is not picked up)."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from apps.organizations.selectors import open_credit_listings
from apps.procurement.selectors import disclosed_acceptances, disclosed_contracts

PER_PAGE = 50


@login_not_required
@require_GET
def disclosure(request):
    today = timezone.localdate()
    contracts = Paginator(disclosed_contracts(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "public/disclosure.html", {
        "contracts": contracts,
        "acceptances": disclosed_acceptances()[:PER_PAGE],
        "listings": open_credit_listings(today)[:200],
        "today": today,
    })
