import pytest
from wagtail.models import Site

from cms.models import HomePage


@pytest.fixture
def home(db):
    return HomePage.objects.get()


def test_home_page_is_the_default_site_root(home):
    assert Site.objects.get(is_default_site=True).root_page.specific == home


def test_home_page_shows_its_editable_intro(client, home, django_assert_max_num_queries):
    home.intro = "<p>Ask us anything about your order.</p>"
    home.save_revision().publish()
    with django_assert_max_num_queries(8):
        response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ask us anything about your order." in html
    assert home.title in html


def test_home_page_frame_is_accessible(client, home):
    html = client.get("/").content.decode()
    assert 'href="#main"' in html  # skip link
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html and "<nav" in html
    assert 'lang="en"' in html


def test_anonymous_visitor_is_invited_to_join_and_sign_in(client, home):
    html = client.get("/").content.decode()
    assert "/accounts/signup/" in html
    assert "/accounts/login/" in html


def test_signed_in_member_sees_their_name_and_sign_out(client, home, user_factory):
    member = user_factory(username="rosa", display_name="Rosa K.")
    client.force_login(member)
    html = client.get("/").content.decode()
    assert "Rosa K." in html
    assert "Sign out" in html
    assert "/accounts/signup/" not in html


def test_pages_are_served_in_dutch_when_the_browser_asks(client, home):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="nl")
    assert 'lang="nl"' in response.content.decode()


def test_unknown_address_gives_a_404_in_the_site_frame(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert 'href="#main"' in response.content.decode()
