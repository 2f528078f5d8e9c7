"""Volunteers: one row per person; the natural key is the keyed hash of the document number."""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.backoffice.forms.volunteers import PRIVACY_NOTICE_VERSION
from apps.core.crypto import keyed_hash
from apps.volunteers import services
from apps.volunteers.identity import age_on
from apps.volunteers.models import DocumentType, PoliticalStatus, Sex, Volunteer, new_volunteer_number

from .base import COMMUNITY_LEVELS, EXPECT_COMMUNITY, Column, Importer, Prepared, Row

MOBILE = re.compile(r"^1\d{10}$")
UPDATABLE = ["name", "phone", "community", "political_status", "skills", "availability", "service_intention"]


class VolunteerImporter(Importer):
    kind = "volunteers"
    model = Volunteer
    columns = [
        Column("name", "姓名", True, gettext_lazy("the volunteer's name"), "张三"),
        Column("document_type", "证件类型", False, gettext_lazy("empty for a resident ID card, or the document type"),
               "居民身份证"),
        Column("id_number", "证件号码", True, gettext_lazy("an 18-character ID card number (a lower-case x is fine)"),
               "330106199001011234", ("身份证号", "身份证号码")),
        Column("phone", "手机号码", True, gettext_lazy("11 digits starting with 1"), "13800000000", ("手机", "联系电话")),
        Column("community", "居住社区", True, EXPECT_COMMUNITY, "", ("社区",)),
        Column("sex", "性别", False, gettext_lazy("male or female (only for documents other than an ID card)"), ""),
        Column("birth_date", "出生日期", False, gettext_lazy("a date (only for documents other than an ID card)"),
               ""),
        Column("political_status", "政治面貌", False, gettext_lazy("e.g. CPC member or ordinary citizen"), "群众"),
        Column("skills", "服务技能", False, "", ""),
        Column("availability", "可服务时间", False, "", ""),
        Column("service_intention", "服务意向", False, "", ""),
        Column("guardian_name", "监护人", False, gettext_lazy("required for minors"), ""),
        Column("guardian_relation", "监护人关系", False, "", ""),
    ]
    field_columns = {name: name for name in [c.key for c in columns]}

    def prepare(self, raw) -> Prepared:
        row = Row(self, raw)
        document_type = row.choice("document_type", DocumentType, default=DocumentType.RESIDENT_ID)
        values = {
            "name": row.text("name", required=True, max_length=50),
            "id_number": row.code("id_number", required=True),
            "phone": row.code("phone", required=True),
            "community": self.find_area(row, "community", COMMUNITY_LEVELS),
            "political_status": row.choice("political_status", PoliticalStatus, default=PoliticalStatus.MASSES),
            "skills": row.text("skills", max_length=200),
            "availability": row.text("availability", max_length=200),
            "service_intention": row.text("service_intention", max_length=200),
        }
        if values["phone"] and not MOBILE.match(values["phone"]):
            row.error("phone", _("A mobile phone number has 11 digits starting with 1."),
                      self.column("phone").expected)
        if document_type and document_type != DocumentType.RESIDENT_ID:
            values["sex"] = row.choice("sex", Sex)
            values["birth_date"] = row.date("birth_date")
            if not values["sex"]:
                row.error("sex", _("Choose the sex for this document type."), self.column("sex").expected)
            if not values["birth_date"]:
                row.error("birth_date", _("Enter the birth date for this document type."),
                          self.column("birth_date").expected)
        guardian = {"guardian_name": row.text("guardian_name", max_length=50),
                    "guardian_relation": row.text("guardian_relation", max_length=20)}
        # The model's own clean() validates the number (GB 11643 check, area code, birth date)
        # and derives birth date and sex; full_clean() checks the remaining fields.
        candidate = Volunteer(document_type=document_type, **values)
        exclude = ["number"]
        try:
            candidate.clean()
        except ValidationError as error:
            row.validation_error(error, self.field_columns)
            exclude += ["id_number", "birth_date", "sex"]
        try:
            # Uniqueness is the natural-key look-up below; the service re-checks everything on write.
            candidate.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            row.validation_error(error, self.field_columns)
        row.check()
        existing = Volunteer.objects.filter(document_type=document_type,
                                            id_number_hash=keyed_hash(candidate.id_number)).first()
        if existing is not None and self.area is not None and not Volunteer.objects.in_area(self.area).filter(
                pk=existing.pk).exists():
            row.error("id_number", _("This person is registered as a volunteer outside your area."),
                      _("a volunteer who lives or serves within your area"))
        if existing is None and age_on(candidate.birth_date, timezone.localdate()) < services.guardian_consent_age() \
                and not guardian["guardian_name"]:
            row.error("guardian_name", _("A volunteer under %(age)d can only be registered with a guardian's consent.")
                      % {"age": services.guardian_consent_age()}, self.column("guardian_name").expected)
        row.check()
        values.update(document_type=document_type, id_number=candidate.id_number,
                      birth_date=candidate.birth_date, sex=candidate.sex)
        unchanged = existing is not None and all(getattr(existing, name) == values[name] for name in UPDATABLE)
        return Prepared(key=(document_type, keyed_hash(candidate.id_number)), existing=existing,
                        values={**values, **guardian}, unchanged=unchanged)

    @transaction.atomic
    def write(self, prepared: Prepared):
        values = dict(prepared.values)
        if prepared.existing is None:
            return self._register(values)
        volunteer = prepared.existing
        if prepared.unchanged:
            return volunteer
        for name in UPDATABLE:
            setattr(volunteer, name, values[name])
        volunteer.full_clean(exclude=["number"], validate_unique=False)
        volunteer.save()
        return volunteer

    def _register(self, values, attempts=3):
        """The volunteer number is random (8 digits a year): at 10,000 rows a clash with an
        existing number is likely, so a clash on the number alone is retried with a new one."""
        for attempt in range(attempts):
            try:
                with transaction.atomic():
                    extra = {"number": new_volunteer_number()} if attempt else {}
                    return services.volunteer_register(consent_version=PRIVACY_NOTICE_VERSION, **values, **extra)
            except IntegrityError as error:
                if "number" not in str(error) or "id_number" in str(error) or attempt == attempts - 1:
                    raise
        raise AssertionError("unreachable")
