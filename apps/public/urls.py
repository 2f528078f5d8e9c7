"""Pages for people without an account: phone sign-in behind an activity's QR code and the
verification of certificates."""

from django.urls import path

from . import views_certificates, views_checkin, views_disclosure

app_name = "public"

urlpatterns = [
    path("checkin/<str:token>/", views_checkin.checkin, name="checkin"),
    path("verify/", views_certificates.verify, name="verify"),
    path("verify/<str:code>/", views_certificates.verify_code, name="verify_code"),
    path("disclosure/", views_disclosure.disclosure, name="disclosure"),
]
