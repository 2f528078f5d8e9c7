"""The search behind the pickers (``apps.web.pickers``): ``GET ?q=…&page=N`` answers JSON
``{"results": [{"value": "12", "label": "张三 (2026000012)"}, ...], "more": bool}``, from the rows
the audience's scope may see, which are the rows its dropdowns would list. Each audience names the
URL (``picker``) with its own access check; unknown sources and sources the audience does not
search answer 404."""

from django.http import Http404, JsonResponse
from django.views import View

from .. import pickers, ratelimits
from .base import ScopedViewMixin


class PickerSearchView(ScopedViewMixin, View):
    http_method_names = ["get", "head", "options"]

    def get(self, request, source, **kwargs):  # (the portal's URL also names the organization)
        if source not in self.scope.picker_sources:
            raise Http404(source)
        # Every keystroke (after the script's pause) is a request: generous, but bounded per user.
        wait = ratelimits.count(request, "picker", str(request.user.pk))
        if wait:
            return JsonResponse({"results": [], "more": False, "error": wait}, status=429)
        query = request.GET.get("q", "").strip()[:pickers.MAX_QUERY]
        if not pickers.query_is_long_enough(query):
            return JsonResponse({"results": [], "more": False, "short": True})
        page = request.GET.get("page", "1")
        page = min(int(page), pickers.MAX_PAGE) if page.isdigit() and int(page) > 0 else 1
        found, more = pickers.search(self.scope, pickers.SOURCES[source], query, page)
        return JsonResponse({"results": [{"value": value, "label": label} for value, label in found],
                             "more": more and page < pickers.MAX_PAGE})
