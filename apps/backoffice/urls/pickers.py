from django.urls import path

from ..views import pickers

urlpatterns = [
    path("pick/<str:source>/", pickers.OfficePickerSearchView.as_view(), name="picker"),
]
