"""Forms of the portal's onboarding pages: sign-up, invitations, members, profile."""

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import OrgRole, User
from apps.accounts.services import USERNAME_UNAVAILABLE
from apps.areas.models import Area, AreaLevel
from apps.onboarding.models import REGISTERED_FIELDS, SignupApplication
from apps.organizations.models import MODE_BY_FORM, ManagementMode, Organization
from apps.organizations.validators import check_credit_code
from apps.web.forms.uploads import validate_upload

class AccountFields(forms.Form):
    """Username and password of a new account (sign-up and invitation acceptance). Whether the
    username is free is checked by the service at submission, once the rest is valid, and answered
    like a badly formed one (``USERNAME_UNAVAILABLE``): the form does not confirm accounts."""

    username = forms.RegexField(label=_("Username"), max_length=150, regex=r"^[\w.@+-]+\Z",
                                help_text=_("Letters, digits and @/./+/-/_ only."),
                                error_messages={"invalid": USERNAME_UNAVAILABLE})
    full_name = forms.CharField(label=_("Full name"), max_length=50)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput, strip=False)

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                password_validation.validate_password(first, User(username=cleaned.get("username", "")))
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class SignupForm(AccountFields, forms.ModelForm):
    email = forms.EmailField(label=_("E-mail"), help_text=_("We send the review result to this address."))
    confirm_warnings = forms.BooleanField(
        label=_("I have checked the certificate: the credit code is correct despite the warnings above."),
        required=False)
    document_title = forms.CharField(label=_("Document title"), max_length=200, required=False,
                                     help_text=_("E.g. registration certificate, filing notice."))
    document = forms.FileField(label=_("Registration certificate or filing notice"), validators=[validate_upload])

    class Meta:
        model = SignupApplication
        fields = ["name", "legal_form", "credit_code", "filing_number", "area", "residence", "representative",
                  "contact_name", "contact_phone"]

    field_order = ["name", "legal_form", "credit_code", "confirm_warnings", "filing_number", "area", "residence",
                   "representative", "contact_name", "contact_phone", "document", "document_title",
                   "username", "full_name", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(level=AreaLevel.COMMUNITY).order_by("path")
        self.credit_code_warnings = []

    def clean_credit_code(self):
        code = self.cleaned_data["credit_code"].strip()
        if not code:
            return ""
        check = check_credit_code(code, legal_form=self.data.get(self.add_prefix("legal_form")))
        self.credit_code_warnings = check.warnings
        return check.code

    def clean(self):
        cleaned = super().clean()
        mode = MODE_BY_FORM.get(cleaned.get("legal_form"))
        code, filing = cleaned.get("credit_code"), cleaned.get("filing_number")
        if mode == ManagementMode.REGISTERED and not code and "credit_code" not in self.errors:
            self.add_error("credit_code", _("A registered organization needs its unified social credit code."))
        elif mode and mode != ManagementMode.REGISTERED:
            if code:
                self.add_error("credit_code", _("Filed groups and community teams have no credit code: leave it "
                                                "empty and give the filing number."))
            if not filing:
                self.add_error("filing_number", _("Give the filing number issued by the street office."))
        if code and self.credit_code_warnings and not cleaned.get("confirm_warnings"):
            for warning in self.credit_code_warnings:
                self.add_error(None, warning)
            self.add_error("confirm_warnings", _("Confirm the credit code warnings to submit."))
        return cleaned


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"), choices=OrgRole.choices, initial=OrgRole.VIEWER)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=OrgRole.choices)


class ContactForm(forms.Form):
    contact_name = forms.CharField(label=_("Contact person"), max_length=50, required=False)
    contact_phone = forms.RegexField(label=_("Contact phone"), max_length=20, required=False,
                                     regex=r"^[0-9+\- ]{5,20}\Z",
                                     error_messages={"invalid": _("Enter a phone number: digits, + and - only.")})
    mailing_address = forms.CharField(label=_("Address for correspondence"), max_length=200, required=False)


class ChangeRequestForm(forms.ModelForm):
    """The registered fields, prefilled with the current values; only changed groups are sent."""

    note = forms.CharField(label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                           help_text=_("E.g. the approval document of the registration authority."))

    class Meta:
        model = Organization
        fields = REGISTERED_FIELDS
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}

    def clean_credit_code(self):
        code = self.cleaned_data["credit_code"].strip()
        if not code:
            return ""
        check = check_credit_code(code, legal_form=self.instance.legal_form)
        if Organization.objects.filter(credit_code=check.code).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("This credit code is already registered to another organization."),
                                  code="duplicate")
        return check.code

    def _post_clean(self):
        # The organization is not changed here: the values become a change request.
        pass

    def values(self):
        return {name: self.cleaned_data[name] for name in REGISTERED_FIELDS}


