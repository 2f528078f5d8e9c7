from django.test import Client
from django.urls import reverse

from tests.personas import PASSWORD, STREET_STAFF


def test_login_with_password_goes_home(world):
    client = Client()
    response = client.post(reverse("login"), {"username": "street", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/office/"


def test_repeated_failed_logins_lock_the_account(world, settings):
    client = Client(REMOTE_ADDR="10.1.2.3")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "street", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "street", "password": PASSWORD})
    assert response.status_code == 429
    assert "账号已被暂时锁定" in response.content.decode()


def test_logout_is_a_post(world, client_for):
    client = client_for(STREET_STAFF)
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("office:home")).status_code == 302


def test_error_pages_are_chinese(world, client_for):
    body = client_for(STREET_STAFF).get(f"/office/organizations/{world.org_b.pk}/").content.decode()
    assert "页面不存在" in body
    body = client_for("org_a_admin").get("/office/").content.decode()
    assert "无权访问" in body
