"""Portal sign-up review, change requests and "view as organization" (issue 6 A)."""

from django.urls import path

from ..views import onboarding

urlpatterns = [
    path("onboarding/applications/", onboarding.ApplicationListView.as_view(), name="onboarding_application_list"),
    path("onboarding/applications/<int:pk>/", onboarding.ApplicationDetailView.as_view(),
         name="onboarding_application_detail"),
    path("onboarding/applications/<int:pk>/decide/", onboarding.ApplicationDecideView.as_view(),
         name="onboarding_application_decide"),
    path("onboarding/documents/<int:pk>/", onboarding.ApplicationDocumentView.as_view(),
         name="onboarding_document"),
    path("onboarding/changes/", onboarding.ChangeRequestListView.as_view(), name="onboarding_change_list"),
    path("onboarding/changes/<int:pk>/", onboarding.ChangeRequestDetailView.as_view(),
         name="onboarding_change_detail"),
    path("onboarding/changes/<int:pk>/decide/", onboarding.ChangeRequestDecideView.as_view(),
         name="onboarding_change_decide"),
    path("onboarding/auto-approval/", onboarding.AutoApprovalView.as_view(), name="onboarding_auto_approval"),
    path("organizations/<int:pk>/view-as/", onboarding.ViewAsStartView.as_view(), name="organization_view_as"),
    path("view-as/end/", onboarding.ViewAsEndView.as_view(), name="view_as_end"),
]
