from django.urls import path

from .views import areas, home, organizations

app_name = "office"

urlpatterns = [
    path("", home.HomeView.as_view(), name="home"),
    path("areas/", areas.AreaListView.as_view(), name="area_list"),
    path("areas/<int:pk>/", areas.AreaDetailView.as_view(), name="area_detail"),
    path("organizations/", organizations.OrganizationListView.as_view(), name="organization_list"),
    path("organizations/<int:pk>/", organizations.OrganizationDetailView.as_view(), name="organization_detail"),
]
