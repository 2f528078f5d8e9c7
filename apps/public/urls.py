"""Pages for people without an account: phone sign-in behind an activity's QR code (or found by its
code), the verification of certificates and the public disclosure. The site root (``config.urls``)
is the public home page."""

from django.urls import path

from .views import certificates, checkin, checkin_code, disclosure

app_name = "public"

urlpatterns = [
    path("checkin/", checkin_code.checkin_find, name="checkin_find"),
    path("checkin/<str:token>/", checkin.checkin, name="checkin"),
    path("verify/", certificates.verify, name="verify"),
    path("verify/<str:code>/", certificates.verify_code, name="verify_code"),
    path("disclosure/", disclosure.disclosure, name="disclosure"),
]
