"""The back office's URLs (namespace ``office``), one module per feature."""

from django.urls import path

from ..views import areas, home
from . import (
    api_clients, audit, calendar, imports, onboarding, organizations, pickers, procurement, reports,
    volunteer_reviews, volunteers,
)

app_name = "office"

urlpatterns = [
    path("", home.HomeView.as_view(), name="home"),
    path("areas/", areas.AreaListView.as_view(), name="area_list"),
    path("areas/<int:pk>/", areas.AreaDetailView.as_view(), name="area_detail"),
    *organizations.urlpatterns,
    *volunteers.urlpatterns,
    *volunteer_reviews.urlpatterns,
    *procurement.urlpatterns,
    *imports.urlpatterns,
    *reports.urlpatterns,
    *onboarding.urlpatterns,
    *calendar.urlpatterns,
    *audit.urlpatterns,
    *pickers.urlpatterns,
    *api_clients.urlpatterns,
]
