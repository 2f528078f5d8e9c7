"""Imports from spreadsheets (issue 7)."""

from django.urls import path

from ..views import imports

urlpatterns = [
    path("imports/", imports.ImportListView.as_view(), name="import_list"),
    path("imports/upload/", imports.ImportUploadView.as_view(), name="import_upload"),
    path("imports/templates/<slug:kind>.xlsx", imports.ImportTemplateView.as_view(), name="import_template"),
    path("imports/<int:pk>/", imports.ImportDetailView.as_view(), name="import_detail"),
    path("imports/<int:pk>/commit/", imports.ImportCommitView.as_view(), name="import_commit"),
    path("imports/<int:pk>/cancel/", imports.ImportCancelView.as_view(), name="import_cancel"),
    path("imports/<int:pk>/retry/", imports.ImportRetryView.as_view(), name="import_retry"),
]
