"""The working calendar: holiday arrangements per year (issue 15)."""

from django.urls import path

from ..views import calendar

urlpatterns = [
    path("calendar/", calendar.HolidayYearListView.as_view(), name="holiday_year_list"),
    path("calendar/<int:year>/", calendar.HolidayYearDetailView.as_view(), name="holiday_year_detail"),
    path("calendar/<int:year>/days/new/", calendar.HolidayDayCreateView.as_view(), name="holiday_day_create"),
    path("calendar/<int:year>/enter/", calendar.HolidayYearEnterView.as_view(), name="holiday_year_enter"),
    path("calendar/days/<int:pk>/", calendar.HolidayDayUpdateView.as_view(), name="holiday_day_update"),
    path("calendar/days/<int:pk>/remove/", calendar.HolidayDayDeleteView.as_view(), name="holiday_day_delete"),
]
