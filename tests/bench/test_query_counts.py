"""The benchmark's pages run the same number of SQL queries whatever the data size: seeded with
the bulk (city-scale) code at ``tiny`` and at ``tiny_x4`` (four times the rows), page by page."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from apps.core.bench import benchmark_pages, query_count
from apps.core.demo import SCALES


def counts_at(scale):
    """Seed ``scale`` inside a savepoint, count every page's queries, then roll the rows back."""
    with transaction.atomic():
        call_command("seed_demo", scale=scale, stdout=io.StringIO())
        counts = {}
        for page in benchmark_pages():
            counts[page.name] = query_count(page.path, page.persona)
            if page.admin_path:
                counts[page.name + " (admin)"] = query_count(page.admin_path, "admin")
        transaction.set_rollback(True)
    return counts


@pytest.mark.django_db
def test_every_benchmark_page_runs_the_same_queries_at_four_times_the_rows():
    assert SCALES["tiny_x4"].records == 4 * SCALES["tiny"].records
    small, large = counts_at("tiny"), counts_at("tiny_x4")
    assert set(small) == set(large)
    assert len(small) >= 10  # eight pages and the admin changelists of the lists
    for name, (status, _queries) in {**small, **large}.items():
        assert status == 200, name
    assert {name: q for name, (_s, q) in large.items()} == {name: q for name, (_s, q) in small.items()}


@pytest.fixture(scope="class")
def tiny_seed(django_db_setup, django_db_blocker):
    """One ``tiny`` seed for a class of read-only checks, in a transaction rolled back after the class
    (each test's own writes are undone by its ``db`` savepoint). Class, not module: the test above
    seeds from an empty database and must not run inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", scale="tiny", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.mark.usefixtures("tiny_seed")
class TestOnTheTinySeed:
    def test_bulk_seed_keeps_totals_and_stars_consistent(self, db):
        from apps.activities.totals import totals_kept, totals_recount
        from apps.volunteers.models import StarAward, Volunteer

        recount = {key: value for key, value in totals_recount().items() if value[1]}
        assert totals_kept() == recount
        assert len(recount) > 10
        for volunteer in Volunteer.objects.filter(star_level__gt=0):
            assert StarAward.objects.filter(volunteer=volunteer).count() == volunteer.star_level

    def test_back_office_list_pages_never_count_the_whole_filtered_set(self, db):
        """LazyPaginator pages without COUNT(*); a second paginator must not add one (2 M rows at city scale)."""
        from django.contrib.auth import get_user_model
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        lists = [page for page in benchmark_pages()
                 if page.path.split("?")[0].endswith(("organizations/", "volunteers/", "records/"))]
        assert len(lists) == 3
        for page in lists:
            client = Client()
            client.force_login(get_user_model().objects.get(username=page.persona),
                               backend="django.contrib.auth.backends.ModelBackend")
            with CaptureQueriesContext(connection) as queries:
                assert client.get(page.path).status_code == 200
            counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
            assert counts == [], page.name
