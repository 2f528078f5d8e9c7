"""API clients of other government systems (issue 17)."""

from django.urls import path

from ..views import api_clients

urlpatterns = [
    path("api-clients/", api_clients.ApiClientListView.as_view(), name="api_client_list"),
    path("api-clients/calls/", api_clients.ApiCallListView.as_view(), name="api_call_list"),
    path("api-clients/new/", api_clients.ApiClientCreateView.as_view(), name="api_client_create"),
    path("api-clients/<int:pk>/", api_clients.ApiClientDetailView.as_view(), name="api_client_detail"),
    path("api-clients/<int:pk>/revoke/", api_clients.ApiClientRevokeView.as_view(), name="api_client_revoke"),
]
