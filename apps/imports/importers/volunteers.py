"""Volunteers: one row per person; the natural key is the keyed hash of the document number."""

import copy
import operator
import re
from collections import defaultdict
from functools import reduce

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, router, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.crypto import keyed_hash
from apps.volunteers import lookups, services
from apps.volunteers.areas import volunteer_areas_refresh
from apps.volunteers.consent import PRIVACY_NOTICE_VERSION
from apps.volunteers.duplicates import volunteers_duplicates_flag
from apps.volunteers.id_numbers import age_on
from apps.volunteers.models import (
    Consent, ConsentPurpose, DocumentType, PoliticalStatus, Sex, Volunteer, VolunteerMembership, new_volunteer_number,
    person_key,
)
from apps.volunteers.portal_services import REGISTRATION_REFUSED
from apps.volunteers.services import membership_join

from ..history import log_entries_bulk_create
from .volunteer_changes import UPDATABLE, describe_changes
from .volunteer_changes import current_value as _current
from .volunteer_changes import new_value as _new

from .base import (
    COMMUNITY_LEVELS, EXAMPLE_ID_NUMBER, EXPECT_COMMUNITY, Column, FileRefused, Importer, Prepared, Row, RowInvalid,
)

MOBILE = re.compile(r"^1\d{10}$")


class VolunteerImporter(Importer):
    kind = "volunteers"
    model = Volunteer
    columns = [
        Column("name", "姓名", True, gettext_lazy("the volunteer's name"), "张三"),
        Column("document_type", "证件类型", False, gettext_lazy("empty for a resident ID card, or the document type"),
               "居民身份证", choices=DocumentType),
        Column("id_number", "证件号码", True, gettext_lazy("an 18-character ID card number (a lower-case x is fine)"),
               EXAMPLE_ID_NUMBER, ("身份证号", "身份证号码")),
        Column("phone", "手机号码", True, gettext_lazy("11 digits starting with 1"), "13800000000", ("手机", "联系电话")),
        Column("community", "居住社区", True, EXPECT_COMMUNITY, "", ("社区",)),
        Column("sex", "性别", False, gettext_lazy("male or female (only for documents other than an ID card)"), "",
               choices=Sex),
        Column("birth_date", "出生日期", False, gettext_lazy("a date (only for documents other than an ID card)"),
               ""),
        Column("political_status", "政治面貌", False, gettext_lazy("e.g. CPC member or ordinary citizen"), "群众",
               choices=PoliticalStatus),
        Column("skills", "服务技能", False, "", "助老、心理疏导"),
        Column("availability", "可服务时间", False, "", "周末"),
        Column("service_intention", "服务意向", False, "", "社区服务"),
        Column("guardian_name", "监护人", False, gettext_lazy("required for minors"), ""),
        Column("guardian_relation", "监护人关系", False, "", ""),
    ]
    field_columns = {name: name for name in [c.key for c in columns]}

    #: One look-up of existing volunteers and one bulk insert per 500 rows.
    chunk_rows = 500

    def prepare(self, raw) -> Prepared:
        result = self.prepare_many([raw])[0]
        if isinstance(result, RowInvalid):
            raise result
        return result

    def prepare_many(self, raws) -> list:
        """Rows are validated one by one in Python; the people already registered are looked up
        for the whole chunk in one query (by keyed hash), and those the job may update (within its
        area; an organization's current members) in one more."""
        if self.organization is not None:
            self._refuse_when_lookups_spent()
        parsed = [self._parse(raw) for raw in raws]
        hashes = defaultdict(set)
        for p in parsed:
            if not isinstance(p, RowInvalid):
                hashes[p.key[0]].add(p.key[1])
        existing = {}
        if hashes:
            # By (document_type, id_number_hash): the unique constraint's index. The clear ID
            # number and phone are not loaded (phone changes compare by hash): that would
            # decrypt two Fernet tokens per row.
            same_document = reduce(operator.or_, (Q(document_type=document_type, id_number_hash__in=sorted(values))
                                                  for document_type, values in hashes.items()))
            for volunteer in (Volunteer.objects.defer("id_number", "phone").select_related("community")
                              .filter(same_document)):
                existing[(volunteer.document_type, volunteer.id_number_hash)] = volunteer
        inside, self._refused = self._updatable(existing), []
        results = [p if isinstance(p, RowInvalid) else self._against_registry(p, existing.get(p.key), inside)
                   for p in parsed]
        describe_changes([p for p in results if isinstance(p, Prepared) and p.existing is not None
                          and not p.unchanged])
        if self._refused:
            self._count_refusals(self._refused)
        return results

    def _updatable(self, existing):
        """Pks of the registered people of ``existing`` whom rows may update; None: all of them."""
        if not existing:
            return set()
        pks = [volunteer.pk for volunteer in existing.values()]
        if self.organization is not None:
            return set(VolunteerMembership.objects.current().filter(
                organization=self.organization, volunteer__in=pks).values_list("volunteer", flat=True))
        if self.area is not None:
            return set(Volunteer.objects.in_area(self.area).filter(pk__in=pks).values_list("pk", flat=True))
        return None

    def _refuse_when_lookups_spent(self):
        """An organization's import tells, row by row, which numbers are registered elsewhere: like
        the portal's registration it shares the uploader's hourly budget of look-ups, and once that
        is spent the whole file is refused before anything is checked."""
        try:
            lookups.find_registered_allowed(actor=self.actor)
        except lookups.LookupLimited as limited:
            raise FileRefused(" ".join(limited.messages)) from None

    def _count_refusals(self, volunteers):
        """Each row refused because its person is registered elsewhere spends one look-up and is
        audited (the person's history shows which organization tried); past the budget the whole
        file is refused, so no more rows are answered."""
        for volunteer in volunteers:
            try:
                lookups.find_registered_spend(actor=self.actor)
            except lookups.LookupLimited as limited:
                raise FileRefused(" ".join(limited.messages)) from None
            lookups.find_registered_record(actor=self.actor, organization=self.organization, action="portal_import",
                                           volunteer=volunteer, matched=True)

    def _parse(self, raw):
        """The row's own checks (no database look-up but the cached community): a Prepared
        without ``existing`` yet, or RowInvalid."""
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
        # and derives birth date and sex; clean_fields() checks the remaining fields. The
        # community is not checked again (find_area loaded it), nor is clean() run twice.
        candidate = Volunteer(document_type=document_type, **values)
        exclude = ["number", "community"]
        try:
            candidate.clean()
        except ValidationError as error:
            row.validation_error(error, self.field_columns)
            exclude += ["id_number", "birth_date", "sex"]
        try:
            # Uniqueness is the natural-key look-up in prepare_many; the constraints are the
            # database's on write.
            candidate.clean_fields(exclude=exclude)
        except ValidationError as error:
            row.validation_error(error, self.field_columns)
        try:
            row.check()
        except RowInvalid as invalid:
            return invalid
        values.update(document_type=document_type, id_number=candidate.id_number,
                      birth_date=candidate.birth_date, sex=candidate.sex)
        id_number_hash = keyed_hash(candidate.id_number)
        candidate.id_number_hash = id_number_hash
        candidate.phone_hash = keyed_hash(candidate.phone)
        candidate.person_hash = person_key(candidate.name, candidate.birth_date)
        return Prepared(key=(document_type, id_number_hash), existing=None, values={**values, **guardian},
                        instance=candidate)

    def _against_registry(self, prepared, existing, inside):
        """The checks that need the database: registered elsewhere, guardian for a new minor."""
        row = Row(self, {})
        values = prepared.values
        if existing is not None and inside is not None and existing.pk not in inside:
            if self.organization is not None:
                # The portal registration's one neutral answer: it says nothing about where or
                # whether the person is registered, and names the flow meant for such people.
                row.error("id_number", REGISTRATION_REFUSED)
                self._refused.append(existing)
            else:
                row.error("id_number", _("This person is registered as a volunteer outside your area."),
                          _("a volunteer who lives or serves within your area"))
        if existing is None and age_on(values["birth_date"], timezone.localdate()) < services.guardian_consent_age() \
                and not values["guardian_name"]:
            row.error("guardian_name", _("A volunteer under %(age)d can only be registered with a guardian's consent.")
                      % {"age": services.guardian_consent_age()}, self.column("guardian_name").expected)
        try:
            row.check()
        except RowInvalid as invalid:
            return invalid
        prepared.existing = existing
        prepared.unchanged = existing is not None and all(
            _current(existing, name) == _new(prepared, name) for name in UPDATABLE)
        return prepared

    @transaction.atomic
    def write(self, prepared: Prepared):
        """One row through the registration service (the reference path; see write_many)."""
        values = dict(prepared.values)
        if prepared.existing is None:
            volunteer = self._register(values)
            if self.organization is not None:
                membership_join(volunteer=volunteer, organization=self.organization)
            return volunteer
        volunteer = prepared.existing
        if prepared.unchanged:
            return volunteer
        for name in UPDATABLE:
            setattr(volunteer, name, values[name])
        volunteer.full_clean(exclude=["number"], validate_unique=False)
        volunteer.save()
        volunteer_areas_refresh([volunteer.pk])  # the community or political status may have changed
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

    def write_many(self, prepared: list[Prepared]):
        """A chunk in a few queries, with what ``volunteer_register`` writes: the volunteer and
        its registration consent (with the guardian); registered volunteers get the changed
        columns. The rows were validated by prepare_many within this transaction, with the
        rules the service applies; the database constraints (one registration per document,
        unique numbers) hold on insert. An organization's new volunteers become its members. Bulk
        writes send no signals: each volunteer's history entry is written here (``history``), the
        import's one audit entry records the file and its counts."""
        new = [p for p in prepared if p.existing is None]
        changed = [p for p in prepared if p.existing is not None and not p.unchanged]
        if new:
            self._register_many(new)
            log_entries_bulk_create(model=Volunteer, rows=[(None, p.instance, None) for p in new], actor=self.actor,
                                    cause=self.cause)
            if self.organization is not None:
                today = timezone.localdate()
                VolunteerMembership.objects.bulk_create([
                    VolunteerMembership(volunteer=p.instance, organization=self.organization, joined_on=today)
                    for p in new])
        if changed:
            history = [(copy.copy(p.existing), p.existing, [change.column for change in p.changes]) for p in changed]
            self._update_many(changed)
            log_entries_bulk_create(model=Volunteer, rows=history, actor=self.actor, cause=self.cause)
        # The areas the chunk's volunteers count in (new ones, moved ones, changed political status).
        volunteer_areas_refresh([p.instance.pk for p in new] + [p.existing.pk for p in changed])

    def _register_many(self, prepared, attempts=3):
        volunteers = [p.instance for p in prepared]
        for attempt in range(attempts):
            if attempt:
                for volunteer in volunteers:
                    volunteer.number = new_volunteer_number()
            _draw_free_numbers(volunteers)
            try:
                with transaction.atomic():
                    Volunteer.objects.bulk_create(volunteers)
                break
            except IntegrityError as error:
                # A number taken since the look-up (another registration at the same moment).
                if "number" not in str(error) or "id_number" in str(error) or attempt == attempts - 1:
                    raise
        volunteers_duplicates_flag(volunteers=volunteers, actor=self.actor)  # as volunteer_register does
        Consent.objects.bulk_create([
            Consent(volunteer=volunteer, purpose=ConsentPurpose.REGISTRATION, version=PRIVACY_NOTICE_VERSION,
                    guardian_name=p.values["guardian_name"].strip(),
                    guardian_relation=p.values["guardian_relation"].strip())
            for volunteer, p in zip(volunteers, prepared, strict=True)
        ])

    def _update_many(self, prepared):
        # Only the columns some row of the chunk changes (a changed phone is encrypted again).
        names = [name for name in UPDATABLE if any(_current(p.existing, name) != _new(p, name) for p in prepared)]
        if "phone" in names:
            names.append("phone_hash")
        if "name" in names:
            names.append("person_hash")
        now = timezone.now()
        volunteers = []
        for p in prepared:
            volunteer = p.existing
            for name in UPDATABLE:
                setattr(volunteer, name, p.values[name])
            volunteer.phone_hash = p.instance.phone_hash  # what save() would do (hashed in _parse)
            volunteer.person_hash = person_key(volunteer.name, volunteer.birth_date)
            volunteer.updated_at = now  # auto_now: what save() would do
            volunteers.append(volunteer)
        _update_each(volunteers, [*names, "updated_at"])


def _update_each(volunteers, names):
    """One ``UPDATE … WHERE id = %s`` run for every row (executemany: one statement per chunk).
    ``bulk_update`` would build a CASE expression per row and column: half a minute of Python
    for 10,000 rows. Values go through each field's own preparation (encryption, time zones)."""
    fields = [Volunteer._meta.get_field(name) for name in names]
    connection = connections[router.db_for_write(Volunteer)]
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        quote(Volunteer._meta.db_table), ", ".join(f"{quote(field.column)} = %s" for field in fields),
        quote(Volunteer._meta.pk.column))
    params = [[field.get_db_prep_save(getattr(volunteer, field.attname), connection) for field in fields]
              + [volunteer.pk] for volunteer in volunteers]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _draw_free_numbers(volunteers, rounds=10):
    """Give each new volunteer a number no other volunteer (registered or in the chunk) holds:
    one query per round; a second round is rare (8 random digits a year)."""
    pending, used = volunteers, set()
    for _round in range(rounds):
        taken = set(Volunteer.objects.filter(number__in=[v.number for v in pending]).values_list("number", flat=True))
        clashing = []
        for volunteer in pending:
            if volunteer.number in taken or volunteer.number in used:
                clashing.append(volunteer)
            else:
                used.add(volunteer.number)
        if not clashing:
            return
        for volunteer in clashing:
            volunteer.number = new_volunteer_number()
        pending = clashing
    raise IntegrityError("no free volunteer number found")
