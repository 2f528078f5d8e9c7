"""The days the law itself fixes on the Gregorian calendar (《全国年节及纪念日放假办法》).

They are days off in every year, whatever a year's arrangement says, so they hold even for a
year whose State Council notice has not been entered yet, and nobody can enter one of them as
an adjusted working day. The set changed twice; the historical sets keep the years the
``chinese-calendar`` package covers exactly as they were (2 May was a working day in 2013).
Spring Festival, Qingming, Dragon Boat and Mid-Autumn follow the lunar or solar-term calendar:
their dates come with each year's arrangement.
"""

import datetime

NEW_YEAR, LABOUR_DAY, NATIONAL_DAY = "元旦", "劳动节", "国庆节"

_NATIONAL_DAYS = {(10, 1): NATIONAL_DAY, (10, 2): NATIONAL_DAY, (10, 3): NATIONAL_DAY}

#: (first year in force, {(month, day): festival}), oldest first.
FIXED_DAYS_OFF = [
    # 1999 revision: Labour Day 1–3 May.
    (1999, {(1, 1): NEW_YEAR, (5, 1): LABOUR_DAY, (5, 2): LABOUR_DAY, (5, 3): LABOUR_DAY, **_NATIONAL_DAYS}),
    # 2007 revision, in force 2008: Labour Day 1 May only (Qingming, Dragon Boat, Mid-Autumn added).
    (2008, {(1, 1): NEW_YEAR, (5, 1): LABOUR_DAY, **_NATIONAL_DAYS}),
    # 2024 revision (国务院令第795号), in force 2025: Labour Day 1–2 May.
    (2025, {(1, 1): NEW_YEAR, (5, 1): LABOUR_DAY, (5, 2): LABOUR_DAY, **_NATIONAL_DAYS}),
]


def fixed_days_off(year: int) -> dict[tuple[int, int], str]:
    """The fixed days off of ``year`` as {(month, day): festival}."""
    chosen = FIXED_DAYS_OFF[0][1]
    for first_year, days in FIXED_DAYS_OFF:
        if year >= first_year:
            chosen = days
    return chosen


def fixed_day_off(day: datetime.date) -> str | None:
    """The festival if ``day`` is a day off fixed by law, else None."""
    return fixed_days_off(day.year).get((day.month, day.day))
