from django.urls import path

from ..views import reports

urlpatterns = [
    path("reports/street/", reports.StreetReportIndexView.as_view(), name="report_street"),
    path("reports/street/<int:pk>/", reports.StreetReportView.as_view(), name="report_street_view"),
    path("reports/street/<int:pk>/<str:fmt>/", reports.StreetReportDownloadView.as_view(),
         name="report_street_download"),
]
