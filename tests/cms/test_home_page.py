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


def _member_with_news(user_factory, question_factory, answer_factory, product_factory, *, n):
    import datetime as dt

    from django.utils import timezone

    from shop.models import Purchase

    member = user_factory(username="rosa", display_name="Rosa K.")
    mine = question_factory(author=member, title="Does the lid fit the 28 cm pan, really?")
    for _ in range(n):
        answer_factory(question=mine, body="Yes, it fits the 28 cm pan.")
    pan = product_factory(title="Frying pan")
    Purchase.objects.create(
        order_id=f"R-{n}",
        email=member.email,
        sku=pan.sku,
        product=pan,
        quantity=1,
        ordered_at=timezone.now() - dt.timedelta(days=9),
        delivered_at=timezone.now() - dt.timedelta(days=7),
    )
    for i in range(n):
        question_factory(product=pan, title=f"Is the frying pan good on induction, case {i}?")
    return member


@pytest.mark.parametrize("n", [1, 4])
def test_a_member_is_greeted_with_what_matters_to_them_at_fixed_cost(
    client,
    home,
    user_factory,
    question_factory,
    answer_factory,
    product_factory,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
    n,
):
    with django_capture_on_commit_callbacks(execute=True):
        member = _member_with_news(
            user_factory, question_factory, answer_factory, product_factory, n=n
        )
    client.force_login(member)
    # The frame and session (13), the answers, the products bought, their questions, unread.
    with django_assert_max_num_queries(17):
        html = client.get("/").content.decode()
    assert "Welcome back, Rosa K." in html
    assert "Answers to your questions" in html
    assert html.count("Does the lid fit the 28 cm pan, really?") >= n
    assert "Is the frying pan good on induction, case 0?" in html
    assert "Unread notifications" in html and "New answer to your question" in html


def test_a_visitor_is_not_greeted_and_costs_no_more(client, home, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        html = client.get("/").content.decode()
    assert "Welcome back" not in html
