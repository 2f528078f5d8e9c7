"""Social-organization registry (issue 3)."""

from django.urls import path

from ..views import organization_records as org_records
from ..views import organizations

urlpatterns = [
    path("organizations/", organizations.OrganizationListView.as_view(), name="organization_list"),
    path("organizations/<int:pk>/", organizations.OrganizationDetailView.as_view(), name="organization_detail"),
    path("organizations/new/", organizations.OrganizationCreateView.as_view(), name="organization_create"),
    path("organizations/<int:pk>/edit/", organizations.OrganizationUpdateView.as_view(), name="organization_update"),
    path("organizations/<int:pk>/contact/reveal/", organizations.OrganizationContactRevealView.as_view(),
         name="organization_contact_reveal"),
    path("organizations/<int:pk>/status/", organizations.OrganizationStatusView.as_view(),
         name="organization_status"),
    path("organizations/<int:pk>/reports/new/", org_records.AnnualReportView.as_view(),
         name="organization_report_create"),
    path("organizations/<int:pk>/reports/<int:record_pk>/", org_records.AnnualReportView.as_view(),
         name="organization_report_update"),
    path("organizations/<int:pk>/grades/new/", org_records.GradeCreateView.as_view(),
         name="organization_grade_create"),
    path("organizations/<int:pk>/listings/new/", org_records.CreditListingCreateView.as_view(),
         name="organization_listing_create"),
    path("organizations/<int:pk>/listings/<int:record_pk>/remove/", org_records.CreditListingRemoveView.as_view(),
         name="organization_listing_remove"),
    path("organizations/<int:pk>/penalties/new/", org_records.PenaltyCreateView.as_view(),
         name="organization_penalty_create"),
    path("organizations/<int:pk>/party/", org_records.PartyBuildingView.as_view(), name="organization_party"),
    path("organizations/<int:pk>/incubations/new/", org_records.IncubationView.as_view(),
         name="organization_incubation_create"),
    path("organizations/<int:pk>/incubations/<int:record_pk>/", org_records.IncubationView.as_view(),
         name="organization_incubation_update"),
    path("organizations/<int:pk>/files/new/", org_records.AttachmentCreateView.as_view(),
         name="organization_attachment_create"),
    path("organizations/files/<int:pk>/", org_records.AttachmentDownloadView.as_view(),
         name="organization_attachment"),
]
