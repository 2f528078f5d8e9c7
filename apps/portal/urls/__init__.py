"""The portal's URLs (namespace ``portal``), one module per feature. Every URL below
``<str:org>/`` is resolved and role-checked by ``apps.portal.middleware.PortalTenantMiddleware``."""

from django.urls import path

from ..views import home, members

app_name = "portal"

urlpatterns = [
    path("", home.ChooseOrganizationView.as_view(), name="home"),
    path("<str:org>/", home.OrganizationHomeView.as_view(), name="org_home"),
    path("<str:org>/members/", members.MemberListView.as_view(), name="member_list"),
]
