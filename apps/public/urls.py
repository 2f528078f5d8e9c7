"""Pages for people without an account: phone sign-in behind an activity's QR code and the
verification of certificates."""

from django.urls import path

from .views import certificates, checkin, disclosure

app_name = "public"

urlpatterns = [
    path("checkin/<str:token>/", checkin.checkin, name="checkin"),
    path("verify/", certificates.verify, name="verify"),
    path("verify/<str:code>/", certificates.verify_code, name="verify_code"),
    path("disclosure/", disclosure.disclosure, name="disclosure"),
]
