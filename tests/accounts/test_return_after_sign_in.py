import pytest
from django.test import Client

from tests.accounts.test_sign_up_and_in import _link_from, _sign_up
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_header_links_come_back_to_the_page_they_were_followed_from(client):
    html = client.get("/questions/?sort=new").content.decode()
    assert 'href="/accounts/login/?next=/questions/%3Fsort%3Dnew"' in html
    assert 'href="/accounts/signup/?next=/questions/%3Fsort%3Dnew"' in html


def test_on_the_sign_in_page_the_header_keeps_the_way_back_not_the_sign_in_page(client):
    html = client.get("/accounts/login/?next=/questions/").content.decode()
    assert 'href="/accounts/signup/?next=/questions/"' in html
    assert "next=/accounts/login" not in html


def test_signing_in_brings_the_member_back(client, customer):
    response = client.post(
        "/accounts/login/", {"login": "customer", "password": PASSWORD, "next": "/questions/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/questions/"


@pytest.mark.parametrize(
    "unsafe", ["https://evil.example/phish", "//evil.example/", "javascript:alert(1)"]
)
def test_a_next_that_leaves_the_site_is_refused(client, customer, unsafe):
    response = client.post(
        "/accounts/login/", {"login": "customer", "password": PASSWORD, "next": unsafe}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    header = Client().get(f"/accounts/login/?next={unsafe}").content.decode()
    header = header.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
    assert "evil.example" not in header
    assert 'href="/accounts/signup/"' in header


def test_signing_up_and_confirming_brings_the_new_member_back(client, mailoutbox):
    _sign_up(client, next="/questions/?sort=new")
    link = _link_from(mailoutbox[0])
    confirm_page = client.get(link)
    assert 'name="next" value="/questions/?sort=new"' in confirm_page.content.decode()
    response = client.post(link, {"next": "/questions/?sort=new"})
    assert response.status_code == 302
    assert response["Location"] == "/questions/?sort=new"
    assert "_auth_user_id" in client.session


def test_confirming_in_another_browser_still_leads_back_to_the_page(client, mailoutbox):
    _sign_up(client, next="/questions/")
    link = _link_from(mailoutbox[0])
    other_browser = Client()
    response = other_browser.post(link, {"next": "/questions/"})
    assert response.status_code == 302
    assert response["Location"] == "/questions/"


def test_the_confirmation_link_never_carries_an_unsafe_next(client, mailoutbox):
    _sign_up(client, next="https://evil.example/")
    assert "evil.example" not in mailoutbox[0].body


def test_the_header_offers_asking_a_question_to_everyone(client, customer):
    header = client.get("/questions/").content.decode().split("</header>")[0]
    assert 'href="/questions/ask/">Ask a question</a>' in header
    client.force_login(customer)
    header = client.get("/questions/").content.decode().split("</header>")[0]
    assert 'href="/questions/ask/">Ask a question</a>' in header
    # The phone header's bell beside the menu button is the one shown there.
    assert header.count('class="site-nav__bell"') == 1
