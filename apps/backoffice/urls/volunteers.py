"""Volunteers, teams, activities, service records, certificates (issue 4)."""

from django.urls import path

from ..views import activities, records, teams, volunteer_records, volunteers

urlpatterns = [
    path("volunteers/", volunteers.VolunteerListView.as_view(), name="volunteer_list"),
    path("volunteers/new/", volunteers.VolunteerCreateView.as_view(), name="volunteer_create"),
    path("volunteers/<int:pk>/", volunteers.VolunteerDetailView.as_view(), name="volunteer_detail"),
    path("volunteers/<int:pk>/reveal/", volunteers.VolunteerRevealView.as_view(), name="volunteer_reveal"),
    path("volunteers/<int:pk>/stars/", volunteers.StarGrantView.as_view(), name="volunteer_star_grant"),
    path("volunteers/<int:pk>/trainings/new/", volunteer_records.TrainingCreateView.as_view(),
         name="volunteer_training_create"),
    path("volunteers/<int:pk>/honours/new/", volunteer_records.HonourCreateView.as_view(),
         name="volunteer_honour_create"),
    path("volunteers/<int:pk>/consents/new/", volunteer_records.ConsentGiveView.as_view(),
         name="volunteer_consent_create"),
    path("volunteers/<int:pk>/consents/<int:consent_pk>/withdraw/", volunteer_records.ConsentWithdrawView.as_view(),
         name="volunteer_consent_withdraw"),
    path("volunteers/<int:pk>/certificates/new/", records.CertificateRequestView.as_view(),
         name="certificate_request"),
    path("certificates/<int:pk>/accept/", records.CertificateStepView.as_view(step="accept"),
         name="certificate_accept"),
    path("certificates/<int:pk>/issue/", records.CertificateStepView.as_view(step="issue"), name="certificate_issue"),
    path("certificates/<int:pk>/revoke/", records.CertificateStepView.as_view(step="revoke"),
         name="certificate_revoke"),
    path("certificates/<int:pk>/pdf/", records.CertificatePdfView.as_view(), name="certificate_pdf"),
    path("teams/", teams.TeamListView.as_view(), name="team_list"),
    path("teams/new/", teams.TeamCreateView.as_view(), name="team_create"),
    path("teams/<int:pk>/", teams.TeamDetailView.as_view(), name="team_detail"),
    path("teams/<int:pk>/members/", teams.TeamMemberAddView.as_view(), name="team_member_add"),
    path("activities/", activities.ActivityListView.as_view(), name="activity_list"),
    path("activities/new/", activities.ActivityCreateView.as_view(), name="activity_create"),
    path("activities/<int:pk>/", activities.ActivityDetailView.as_view(), name="activity_detail"),
    path("activities/<int:pk>/records/", activities.RecordEntryView.as_view(), name="activity_record_entry"),
    path("activities/<int:pk>/confirm/", activities.ActivityConfirmView.as_view(), name="activity_confirm"),
    path("records/", records.ServiceRecordListView.as_view(), name="record_list"),
    path("records/confirm/", records.RecordsConfirmView.as_view(), name="records_confirm"),
    path("records/national.csv", records.NationalExportView.as_view(), name="record_national_export"),
    path("records/<int:pk>/", records.RecordDetailView.as_view(), name="record_detail"),
    path("records/<int:pk>/correct/", records.RecordCorrectView.as_view(), name="record_correct"),
    path("records/<int:pk>/status/", records.RecordStatusView.as_view(), name="record_status"),
]
