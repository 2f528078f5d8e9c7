from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from apps.public.views.home import home as public_home
from apps.web.views import password_reset

urlpatterns = [
    path("", public_home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # Password reset: public, like the log-in page (Django's views are login_not_required).
    path("accounts/password_reset/", password_reset.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password_reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("accounts/password_reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("accounts/password_reset/complete/", auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("office/", include("apps.backoffice.urls")),
    path("portal/", include("apps.portal.urls")),
    path("api/v1/", include("apps.api.urls")),
    path("", include("apps.public.urls")),
    path("admin/", admin.site.urls),
]

# Django's default 400 handler reads the refused request body again and fails (apps/web/views/error_pages.py).
handler400 = "apps.web.views.error_pages.bad_request"
