"""Helpers shared by the registry tests."""

import datetime

from stdnum.cn import uscc

from apps.organizations.models import LegalForm, Organization


def code(prefix="51330106", body="MA2H3K4L", check=None):
    """A credit code with the right check character unless ``check`` is given."""
    base = f"{prefix}{body}"[:17].ljust(17, "0")
    return base + (check if check is not None else uscc.calc_check_digit(base))


def wrong_check(valid):
    return valid[:17] + ("0" if valid[17] != "0" else "1")


def make_org(area, name="测试协会", legal_form=LegalForm.SOCIAL_GROUP, founded_on=datetime.date(2018, 3, 1), **extra):
    return Organization.objects.create(name=name, area=area, legal_form=legal_form, founded_on=founded_on, **extra)
