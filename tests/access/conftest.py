import pytest

from tests.access.matrix import Matrix
from tests.portal_work.world import portal_world
from tests.procurement.factories import access_fixture
from tests.volunteers.world import volunteer_world


@pytest.fixture(scope="module")
def matrix(module_world):
    """The access matrix over one world per module (see ``module_world``), with every part the rows use."""
    for build in (volunteer_world, portal_world, access_fixture):
        build(module_world)
    return Matrix(module_world)
