"""Star thresholds and the review of star awards (DOMAIN §3: a star is an award, thresholds are
the city's editable table).

- ``star_thresholds_update``: the one way the table changes (back-office page for city staff; the
  Django admin only shows it). A ``CheckConstraint`` sees one row, so "levels 1–5, strictly
  rising" is checked here over the whole table.
- ``star_awards_review_flag``: called by ``apps.activities.totals.totals_apply`` whenever
  confirmed hours go down (a correction): awards whose threshold the volunteer's hours no longer
  reach are put under review, never removed.
- ``star_awards_review_resolve``: staff keep or revoke the awards under review, with a reason.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.audit.services import audit_batch_record

from .models import StarAward, StarAwardStatus, StarThreshold, Volunteer
from .permissions import can_decide_volunteer_reviews, can_edit_star_thresholds

LEVELS = range(1, 6)


def star_thresholds_check(thresholds: dict) -> None:
    """Raise ValidationError (keyed by level) unless ``thresholds`` ({level: hours}) gives every
    level 1–5 a positive number of hours, each level more than the one below."""
    if set(thresholds) != set(LEVELS) or any(thresholds[level] is None for level in LEVELS):
        raise ValidationError(_("Give the hours for every star level from 1 to 5."))
    errors = {}
    for level in LEVELS:
        hours = Decimal(thresholds[level])
        if hours <= 0:
            errors[level] = _("The hours must be more than zero.")
        elif level > 1 and hours <= Decimal(thresholds[level - 1]):
            errors[level] = _("%(level)d stars need more hours than %(lower)d stars (%(hours)s h).") % {
                "level": level, "lower": level - 1, "hours": thresholds[level - 1]}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def star_thresholds_update(*, actor, thresholds: dict, request=None) -> list[StarThreshold]:
    """Replace the table's hours (``thresholds``: {level: hours} for levels 1–5). Awards already
    granted stay: they were earned under the table of their time."""
    if not can_edit_star_thresholds(actor):
        raise PermissionDenied(_("Only city staff may change the star thresholds."))
    star_thresholds_check(thresholds)
    rows = {row.level: row for row in StarThreshold.objects.select_for_update().order_by("level")}
    changed = {}
    for level in LEVELS:
        row = rows.get(level) or StarThreshold(level=level, min_hours=thresholds[level])
        if row.pk is None or row.min_hours != Decimal(thresholds[level]):
            changed[level] = [str(row.min_hours) if row.pk else None, str(thresholds[level])]
            row.min_hours = thresholds[level]
            row.full_clean()
            row.save()  # one auditlog entry per changed level
        rows[level] = row
    if changed:
        audit_batch_record(actor=actor, model=StarThreshold, row_count=len(changed), request=request,
                           detail={"action": "star_thresholds_update", "changed": changed})
    return [rows[level] for level in LEVELS]


def star_awards_review_flag(*, volunteer_ids, actor=None) -> int:
    """Put under review the granted awards of ``volunteer_ids`` whose level's threshold their
    confirmed hours no longer reach. One UPDATE; returns how many awards were flagged."""
    threshold = StarThreshold.objects.filter(level=OuterRef("level")).values("min_hours")[:1]
    below = StarAward.objects.filter(volunteer_id__in=list(volunteer_ids), status=StarAwardStatus.GRANTED,
                                     volunteer__confirmed_hours__lt=Subquery(threshold))
    flagged = below.update(status=StarAwardStatus.UNDER_REVIEW, review_flagged_at=timezone.now())
    if flagged:  # a queryset update sends no auditlog signal: one entry for the automatic flag
        audit_batch_record(actor=actor, model=StarAward, row_count=flagged,
                           detail={"action": "star_review_flag", "volunteers": sorted(volunteer_ids)[:500]})
    return flagged


def volunteers_with_awards_under_review():
    """A subquery of the volunteers with a star award under review (dashboard, volunteer list)."""
    return StarAward.objects.filter(status=StarAwardStatus.UNDER_REVIEW).values("volunteer")


@transaction.atomic
def star_awards_review_resolve(*, actor, volunteer: Volunteer, keep: bool, reason: str,
                               request=None) -> list[StarAward]:
    """Keep (back to granted) or revoke every award of ``volunteer`` under review. A revoked
    award stays, marked revoked with date, author and reason; the volunteer's star level becomes
    the highest award still standing."""
    if not can_decide_volunteer_reviews(actor):
        raise PermissionDenied(_("Only staff of a street office or above may decide on star awards."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the decision.")})
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    awards = list(StarAward.objects.filter(volunteer=volunteer, status=StarAwardStatus.UNDER_REVIEW)
                  .order_by("level"))
    if not awards:
        raise ValidationError(_("No star award of this volunteer is under review."))
    now = timezone.now()
    for award in awards:
        award.status = StarAwardStatus.GRANTED if keep else StarAwardStatus.REVOKED
        award.reviewed_at, award.reviewed_by, award.review_reason = now, actor, reason.strip()
        award.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_reason"])
    if not keep:
        standing = volunteer.star_awards.exclude(status=StarAwardStatus.REVOKED).aggregate(level=Max("level"))
        volunteer.star_level = standing["level"] or 0
        volunteer.save(update_fields=["star_level", "updated_at"])
    audit_batch_record(actor=actor, model=StarAward, row_count=len(awards), request=request, detail={
        "action": "star_review_keep" if keep else "star_review_revoke", "volunteer": volunteer.pk,
        "levels": [award.level for award in awards], "reason": reason.strip()})
    return awards
