from django.db import connection
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error


def test_server_error_page_is_chinese():
    with translation.override("zh-hans"):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "服务器错误" in response.content.decode()


def test_sqlite_runs_in_wal_mode(db):
    if connection.vendor != "sqlite":
        assert connection.vendor == "postgresql"
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
    # The in-memory test database cannot use WAL; the setting is what a file database gets.
    assert mode in ("wal", "memory")
    assert "journal_mode=WAL" in connection.settings_dict["OPTIONS"]["init_command"]


def test_static_assets_are_served_by_the_app(client):
    response = client.get("/static/bootstrap/css/bootstrap.min.css")
    assert response.status_code == 200


def test_no_page_refers_to_an_outside_host(world, client_for):
    for path in ["/accounts/login/", "/office/", "/office/organizations/"]:
        body = client_for("city_staff").get(path).content.decode()
        assert "http://" not in body and "https://" not in body, path


def test_favicon_is_served(client):
    assert client.get("/static/favicon.ico").status_code == 200
