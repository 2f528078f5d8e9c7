import pytest
from django.urls import reverse

from tests.api.world import CITY_READ, ORG_A_WRITE, ORG_B_WRITE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["area", "organization", "volunteer", "team", "activity", "service-record",
                                  "contract", "disclosure-contract", "disclosure-acceptance",
                                  "disclosure-credit-listing"])
def test_lists(call, name):
    for kind in (CITY_READ, ORG_A_WRITE, ORG_B_WRITE):
        response = call(kind, "get", reverse(f"api:{name}-list"))
        assert response.status_code == 200, (kind, response.content[:1000])
