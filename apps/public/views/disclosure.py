"""信息公开: the public disclosure of purchased services and credit lists, for anybody without
an account. Only what the purchaser publishes anyway: no person's name, phone or ID appears
(the querysets name the columns they read, so a new personal field is not picked up).

One search box filters all three sections (contract number, project, purchaser, provider, credit
code, decision document); each section pages on its own (``page``, ``apage``, ``lpage``), and the
links keep the search and the other sections' pages."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from apps.organizations.selectors import open_credit_listings
from apps.procurement.selectors import disclosed_acceptances, disclosed_contracts

from ..forms import DisclosureSearchForm

PER_PAGE = 50
#: Acceptances and listings are shorter sections under the contracts.
SECTION_PER_PAGE = 20


def _matching(queryset, query, *fields):
    if not query:
        return queryset
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": query})
    return queryset.filter(condition)


def _section(request, queryset, per_page, param):
    """One section's page and the links to its neighbours, which keep every other parameter."""
    page = Paginator(queryset, per_page).get_page(request.GET.get(param))

    def url(number):
        params = request.GET.copy()
        params.pop(param, None)
        if number > 1:
            params[param] = number
        return f"?{params.urlencode()}"

    return {"page": page, "param": param,
            "previous": url(page.previous_page_number()) if page.has_previous() else "",
            "next": url(page.next_page_number()) if page.has_next() else ""}


@login_not_required
@require_GET
def disclosure(request):
    today = timezone.localdate()
    form = DisclosureSearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    contracts = _matching(disclosed_contracts(), query, "number", "project__name", "project__purchaser__name",
                          "provider__name", "provider_credit_code")
    acceptances = _matching(disclosed_acceptances(), query, "contract__number", "contract__project__name",
                            "contract__provider__name")
    listings = _matching(open_credit_listings(today), query, "organization__name", "organization__credit_code",
                         "organization__filing_number", "decision_document")
    return render(request, "public/disclosure.html", {
        "form": form, "query": query, "today": today,
        "contracts": _section(request, contracts, PER_PAGE, "page"),
        "acceptances": _section(request, acceptances, SECTION_PER_PAGE, "apage"),
        "listings": _section(request, listings, SECTION_PER_PAGE, "lpage"),
    })
