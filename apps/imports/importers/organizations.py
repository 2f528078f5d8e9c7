"""Social organizations: natural key is the credit code (registered) or filing number (filed)."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.organizations import services
from apps.organizations.models import (
    MODE_BY_FORM, AuthorityLevel, LegalForm, ManagementMode, Organization, OrgStatus, ServiceDomain,
)
from apps.organizations.validators import check_credit_code

from .base import ORGANIZATION_AREA_LEVELS, Column, Importer, Prepared, Row

UPDATABLE = ["name", "area", "residence", "purpose", "activity_region", "representative", "registered_capital",
             "supervisor", "registration_authority", "registration_authority_level", "founded_on", "contact_name",
             "contact_phone"]


class OrganizationImporter(Importer):
    kind = "organizations"
    model = Organization
    columns = [
        Column("name", "名称", True, gettext_lazy("the registered name"), "西湖区某某社区服务中心"),
        Column("legal_form", "组织类型", True, gettext_lazy("social group, social service institution, foundation, "
                                                         "filed community organization or community team"),
               "社会团体", ("法律形式",)),
        Column("credit_code", "统一社会信用代码", False, gettext_lazy("18 characters, registered organizations only"),
               "", ("信用代码",)),
        Column("filing_number", "备案编号", False, gettext_lazy("the local filing number, filed organizations only"),
               ""),
        Column("area", "所在社区", True, gettext_lazy("the street's or community's name or 12-digit code, within "
                                                  "your area"), "", ("所在街道社区", "社区")),
        Column("status", "状态", False, gettext_lazy("e.g. Normal (only for new organizations)"), "正常"),
        Column("representative", "法定代表人", False, "", "", ("负责人",)),
        Column("founded_on", "成立日期", False, gettext_lazy("a date such as 2024-03-05"), "2020-05-01"),
        Column("registered_capital", "注册资金（万元）", False, gettext_lazy("a number in 10,000 yuan"), "3",
               ("注册资金",)),
        Column("residence", "住所", False, "", ""),
        Column("purpose", "宗旨与业务范围", False, "", "", ("业务范围",)),
        Column("activity_region", "活动地域", False, "", ""),
        Column("supervisor", "业务主管单位", False, "", ""),
        Column("registration_authority", "登记管理机关", False, "", ""),
        Column("registration_authority_level", "登记管理机关级别", False,
               gettext_lazy("national, provincial, city or county (foundations: provincial or national); empty: "
                            "read from the credit code"), ""),
        Column("contact_name", "联系人", False, "", ""),
        Column("contact_phone", "联系电话", False, "", ""),
        Column("domains", "服务领域", False, gettext_lazy("names from the service-domain list, separated by 、"), "养老"),
    ]
    field_columns = {c.key: c.key for c in columns} | {"management_mode": "legal_form", "__all__": ""}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._domains = {d.name: d for d in ServiceDomain.objects.all()}

    def prepare(self, raw) -> Prepared:
        row = Row(self, raw)
        legal_form = row.choice("legal_form", LegalForm)
        if legal_form is None and not row.errors:
            row.text("legal_form", required=True)
        values = {
            "name": row.text("name", required=True, max_length=200),
            "legal_form": legal_form,
            "area": self.find_area(row, "area", ORGANIZATION_AREA_LEVELS),
            "representative": row.text("representative", max_length=50),
            "founded_on": row.date("founded_on"),
            "registered_capital": row.decimal("registered_capital"),
            "residence": row.text("residence", max_length=200),
            "purpose": row.text("purpose"),
            "activity_region": row.text("activity_region", max_length=100),
            "supervisor": row.text("supervisor", max_length=100),
            "registration_authority": row.text("registration_authority", max_length=100),
            "registration_authority_level": row.choice("registration_authority_level", AuthorityLevel) or "",
            "contact_name": row.text("contact_name", max_length=50),
            "contact_phone": row.code("contact_phone"),
            "credit_code": "", "filing_number": "",
        }
        status = row.choice("status", OrgStatus, default=OrgStatus.NORMAL)
        domains = self._domains_of(row)
        warnings, key = [], None
        registered = legal_form and MODE_BY_FORM[legal_form] == ManagementMode.REGISTERED
        credit_code, filing_number = row.code("credit_code"), row.text("filing_number", max_length=50)
        if legal_form and registered:
            if filing_number:
                row.error("filing_number", _("Registered organizations have a credit code, not a filing number."),
                          _("empty"))
            if not credit_code:
                row.error("credit_code", _("This cell is empty."), self.column("credit_code").expected)
            else:
                try:
                    check = check_credit_code(credit_code, legal_form=legal_form)
                except ValidationError as error:
                    row.error("credit_code", " ".join(error.messages), self.column("credit_code").expected)
                else:
                    values["credit_code"], warnings, key = check.code, check.warnings, ("credit_code", check.code)
        elif legal_form:
            if credit_code:
                row.error("credit_code", _("Only registered organizations have a credit code."), _("empty"))
            if not filing_number and legal_form == LegalForm.FILED_COMMUNITY:
                row.error("filing_number", _("This cell is empty."), self.column("filing_number").expected)
            values["filing_number"] = filing_number
            key = ("filing_number", filing_number) if filing_number else ("name", values["name"], values["area"])
        row.check()
        existing = self._existing(key)
        if existing is not None and self.area is not None and not existing.area.path.startswith(self.area.path):
            row.error(key[0] if key[0] != "name" else "name",
                      _("This organization is registered outside your area."),
                      _("an organization within your area"))
        if existing is not None and row.raw.get("status") not in (None, "") and status != existing.status:
            row.error("status", _("The status of an existing organization changes through its status history, "
                                  "not by import."), existing.get_status_display())
        candidate = existing or Organization(status=status)
        for name, value in values.items():
            setattr(candidate, name, value)
        try:
            candidate.full_clean(validate_unique=False)
        except ValidationError as error:
            row.validation_error(error, self.field_columns)
        row.check()
        return Prepared(key=key, existing=existing, values={**values, "status": status, "domains": domains},
                        warnings=warnings)

    def _existing(self, key):
        if key is None:
            return None
        if key[0] == "name":
            return Organization.objects.filter(name=key[1], area=key[2], credit_code="", filing_number="").first()
        return Organization.objects.select_related("area").filter(**{key[0]: key[1]}).first()

    def _domains_of(self, row):
        names = [n for n in re.split(r"[、,，;；/]", row.text("domains")) if n.strip()]
        unknown = [n for n in names if n.strip() not in self._domains]
        if unknown:
            row.error("domains", _("Unknown service domain(s): %(names)s.") % {"names": "、".join(unknown)},
                      _("one of: %(labels)s") % {"labels": "、".join(self._domains)})
        return [self._domains[n.strip()] for n in names if n.strip() in self._domains]

    @transaction.atomic
    def write(self, prepared: Prepared):
        values = dict(prepared.values)
        domains, status = values.pop("domains"), values.pop("status")
        if prepared.existing is None:
            return services.organization_create(
                actor=self.actor, status=status, domains=domains,
                status_reason=_("Imported from %(file)s") % {"file": self.filename}, **values)
        organization = Organization.objects.select_for_update().get(pk=prepared.existing.pk)
        for name in UPDATABLE:
            setattr(organization, name, values[name])
        organization.full_clean(validate_unique=False)
        organization.save()
        if domains:
            organization.domains.add(*domains)
        return organization
