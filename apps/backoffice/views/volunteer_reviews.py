"""What staff review about volunteers: star awards whose hours fell below their threshold (a
correction), likely duplicate registrations, and the city's star thresholds."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView

from apps.volunteers import duplicates, stars
from apps.volunteers.models import DuplicateReview, StarAwardStatus, StarThreshold, Volunteer
from apps.volunteers.permissions import can_decide_volunteer_reviews, can_edit_star_thresholds

from ..forms.volunteer_reviews import DuplicateResolveForm, StarReviewForm, StarThresholdsForm
from .base import StaffRequiredMixin


def review_context(volunteer, user) -> dict:
    """The volunteer page's review panels (stars under review, likely duplicate)."""
    duplicate_of = None
    if volunteer.duplicate_review and volunteer.duplicate_of_id:
        # Number and community only: enough to find the other registration, no personal data.
        duplicate_of = Volunteer.objects.filter(pk=volunteer.duplicate_of_id).select_related("community").only(
            "pk", "number", "community__name").first()
    return {
        "awards_under_review": [a for a in volunteer.star_awards.all() if a.status == StarAwardStatus.UNDER_REVIEW],
        "can_decide_reviews": can_decide_volunteer_reviews(user),
        "star_review_form": StarReviewForm(),
        "duplicate_of": duplicate_of,
        "duplicate_of_visible": duplicate_of is not None
        and Volunteer.objects.visible_to(user).filter(pk=duplicate_of.pk).exists(),
        "duplicate_form": DuplicateResolveForm(),
        "likely_duplicate": volunteer.duplicate_review == DuplicateReview.LIKELY,
    }


class ReviewDecisionView(StaffRequiredMixin, FormView):
    """POST only, on a volunteer loaded through the user's scope; community workers read but do
    not decide (403)."""

    http_method_names = ["post"]
    anchor = ""

    @cached_property
    def volunteer(self):
        return self.scope.get_or_404(Volunteer.objects, pk=self.kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_office_staff and not can_decide_volunteer_reviews(request.user):
            raise PermissionDenied(_("Only staff of a street office or above may decide on reviews."))
        return super().dispatch(request, *args, **kwargs)

    def back(self):
        return redirect(reverse("office:volunteer_detail", args=[self.volunteer.pk]) + self.anchor)

    def form_valid(self, form):
        try:
            message = self.decide(form.cleaned_data)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
        else:
            messages.success(self.request, message)
        return self.back()

    def form_invalid(self, form):
        messages.error(self.request, " ".join(e for errors in form.errors.values() for e in errors))
        return self.back()


class StarReviewView(ReviewDecisionView):
    form_class = StarReviewForm
    anchor = "#stars"

    def decide(self, data):
        keep = data["decision"] == "keep"
        awards = stars.star_awards_review_resolve(actor=self.request.user, volunteer=self.volunteer, keep=keep,
                                                  reason=data["reason"], request=self.request)
        levels = ", ".join(f"{award.level}★" for award in awards)
        if keep:
            return _("Kept the star award(s) %(levels)s.") % {"levels": levels}
        return _("Revoked the star award(s) %(levels)s.") % {"levels": levels}


class DuplicateResolveView(ReviewDecisionView):
    form_class = DuplicateResolveForm
    anchor = "#duplicate"

    def decide(self, data):
        duplicates.volunteer_duplicate_resolve(actor=self.request.user, volunteer=self.volunteer,
                                               reason=data["reason"], request=self.request)
        return _("Recorded: a different person.")


class StarThresholdsView(StaffRequiredMixin, FormView):
    """Every member of staff reads the table; city staff (and superusers) change it."""

    form_class = StarThresholdsForm
    template_name = "backoffice/volunteers/star_thresholds.html"

    def post(self, request, *args, **kwargs):
        if not can_edit_star_thresholds(request.user):
            raise PermissionDenied(_("Only city staff may change the star thresholds."))
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        thresholds = dict(StarThreshold.objects.values_list("level", "min_hours"))
        return {**super().get_form_kwargs(), "thresholds": thresholds,
                "editable": can_edit_star_thresholds(self.request.user)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_edit=can_edit_star_thresholds(self.request.user), **kwargs)

    def form_valid(self, form):
        try:
            stars.star_thresholds_update(actor=self.request.user, thresholds=form.thresholds(), request=self.request)
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        messages.success(self.request, _("The star thresholds were saved."))
        return redirect("office:volunteer_star_thresholds")
