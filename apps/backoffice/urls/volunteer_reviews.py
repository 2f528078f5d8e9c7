"""Volunteer reviews (issue 15): star awards under review, likely duplicates, star thresholds."""

from django.urls import path

from ..views import volunteer_reviews

urlpatterns = [
    path("volunteers/stars/thresholds/", volunteer_reviews.StarThresholdsView.as_view(),
         name="volunteer_star_thresholds"),
    path("volunteers/<int:pk>/stars/review/", volunteer_reviews.StarReviewView.as_view(),
         name="volunteer_star_review"),
    path("volunteers/<int:pk>/duplicate/", volunteer_reviews.DuplicateResolveView.as_view(),
         name="volunteer_duplicate_resolve"),
]
