"""What both audiences share lives once in ``apps.web`` and keeps its rules there."""

import importlib
import pkgutil

import django_filters
import pytest
from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

import apps.backoffice.forms
import apps.portal.forms
import apps.web.forms
from apps.accounts.models import Membership
from apps.audit.models import AuditEvent
from apps.organizations.models import Organization, ServiceDomain
from apps.web.filters import ScopedFilterSet
from apps.web.forms.uploads import validate_upload
from apps.web.scope import OfficeScope, PortalScope
from tests.personas import ORG_A_ADMIN, STREET_STAFF


class _DomainFilter(ScopedFilterSet):
    domain = django_filters.ModelChoiceFilter(queryset=ServiceDomain.objects.all(), field_name="domains")

    class Meta:
        model = Organization
        fields = ["domain"]


class _DeclaredDomainFilter(_DomainFilter):
    unscoped = ("domain",)


def test_a_dropdown_of_an_unscoped_model_fails_loudly(world):
    scope = OfficeScope(world.user(STREET_STAFF))
    with pytest.raises(ImproperlyConfigured, match="ServiceDomain"):
        _DomainFilter({}, request=RequestFactory().get("/"), scope=scope)
    # Named as reference data, the same dropdown lists every row.
    ServiceDomain.objects.get_or_create(name="养老")
    filter_set = _DeclaredDomainFilter({}, request=RequestFactory().get("/"), scope=scope)
    assert filter_set.filters["domain"].queryset.count() == ServiceDomain.objects.count() > 0


def test_dropdowns_follow_the_scope(world):
    office = OfficeScope(world.user(STREET_STAFF))
    membership = Membership.objects.get(user=world.user(ORG_A_ADMIN))
    portal = PortalScope(membership.organization, membership)

    class OrganizationFilter(ScopedFilterSet):
        organization = django_filters.ModelChoiceFilter(queryset=Organization.objects.all(), field_name="pk")

        class Meta:
            model = Organization
            fields = ["organization"]

    def options(scope):
        return set(OrganizationFilter({}, request=None, scope=scope).filters["organization"].queryset)

    assert options(office) == {world.org_a, world.org_a2}
    assert options(portal) == {world.org_a}


def _form_classes():
    for package in (apps.backoffice.forms, apps.portal.forms, apps.web.forms):
        for module_info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{module_info.name}")
            for value in vars(module).values():
                if isinstance(value, type) and issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                    yield value


#: Upload fields with a check of their own: spreadsheets for the import, not documents.
OWN_CHECK = {"ImportUploadForm.file"}


def test_every_document_upload_uses_the_one_check():
    uploads = {f"{cls.__name__}.{name}": field for cls in _form_classes()
               for name, field in cls.base_fields.items() if isinstance(field, forms.FileField)}
    assert len(uploads) >= 6, uploads
    for name, field in uploads.items():
        if name not in OWN_CHECK:
            assert validate_upload in field.validators, name


@pytest.mark.parametrize("name, size", [("virus.exe", 10), ("big.pdf", 21 * 1024 * 1024)])
def test_the_one_check_refuses_other_files(name, size):
    upload = SimpleUploadedFile(name, b"x")
    upload.size = size
    with pytest.raises(forms.ValidationError):
        validate_upload(upload)
    validate_upload(SimpleUploadedFile("report.PDF", b"%PDF"))


def test_scope_urls_and_rows(world):
    membership = Membership.objects.get(user=world.user(ORG_A_ADMIN))
    portal = PortalScope(membership.organization, membership)
    office = OfficeScope(world.user(STREET_STAFF))
    assert portal.url("work_record_detail", pk=7) == f"/portal/{world.org_a.code}/records/7/"
    assert office.url("record_detail", pk=7) == "/office/records/7/"
    assert portal.audit_detail() == {"portal": True, "organization": world.org_a.pk}
    assert office.audit_detail() == {}
    assert list(portal.rows(Organization.objects)) == [world.org_a]
    assert AuditEvent.objects.count() == 0  # building a scope writes nothing
