"""The portal's URLs (namespace ``portal``), one module per feature. Every URL below
``<str:org>/`` is resolved and role-checked by ``apps.portal.middleware.PortalTenantMiddleware``."""

from django.urls import path

from ..views import home
from . import onboarding, work

app_name = "portal"

urlpatterns = [
    path("", home.ChooseOrganizationView.as_view(), name="home"),
    *onboarding.urlpatterns,
    *work.urlpatterns,
]
