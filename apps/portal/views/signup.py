"""Public sign-up of an organization (no login): the account is created with the application
and is limited to it until the street office approves."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import FormView

from apps.onboarding import services
from apps.web.ratelimits import RateLimitedPostMixin

from ..forms.onboarding import SignupForm

APPLICATION_FIELDS = ["name", "legal_form", "credit_code", "filing_number", "area", "residence", "representative",
                      "contact_name", "contact_phone"]


@method_decorator(login_not_required, name="dispatch")
class SignupView(RateLimitedPostMixin, FormView):
    template_name = "portal/signup.html"
    form_class = SignupForm
    rate_limit = "signup"  # each submission may create an account or try a username

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("portal:home")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            application = services.application_submit(
                username=data["username"], password=data["password1"], email=data["email"],
                full_name=data["full_name"],
                documents=[(data["document_title"], data["document"])],
                **{name: data[name] for name in APPLICATION_FIELDS},
            )
        except ValidationError as error:
            for field, errors in getattr(error, "message_dict", {None: error.messages}).items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        login(self.request, application.applicant, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, _("Your application was submitted. The street office will review it; "
                                         "you will be told here and by e-mail."))
        return redirect("portal:home")
