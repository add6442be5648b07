"""A signed-in member's product page and knowledge-base article: everything but their own
layer (the follow button, the reader's answer to "was this helpful?") is made once for every
member whose marks are equal and kept under the page generation; every change shows on the
very next request, a member never sees another's personal bits, and staff get the page made
afresh."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction, Site

from community.moderation.services import content_hide, user_suspend
from community.notifications.services import follow_add, follow_remove
from qa import services as qa_services
from qa.services import review_helpful_toggle
from tests.conftest import page_queries, page_text

# Each test runs with the local cache and with Redis: what is kept must be made afresh alike.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_cache")]

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
DUTCH = {"HTTP_ACCEPT_LANGUAGE": "nl"}
# A member served the product page kept for their marks: the session, the user, their
# summary with the generation, the product by its id where an earlier member's request led,
# and their marks in one query (whether they bought it, their helpful votes, their follow).
# The site, the home page and whether a view restriction applies are reads kept under the
# generation; the page's own specifications, manuals, questions, articles, showcase topics,
# the rating summary, the top reviews and their photos are in the kept page.
SHARED_PRODUCT_QUERIES = 5
# An article kept for every member: the session, the user, their summary with the
# generation, the article by its id, and the reader's own feedback; the ancestors, tags,
# products, related articles, manuals and provenance are in the kept page.
SHARED_ARTICLE_QUERIES = 5


def _member(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _product_body(html: str) -> str:
    """The product page from the facts to the end of the page, without tokens and the follow
    button (each member's own)."""
    part = html[html.index('<article class="product"') : html.index("</article>")]
    part = re.sub(r"<form[^>]*follow.*?</form>", "", part, flags=re.S)
    return TOKEN.sub("", part)


def _reviews(html: str) -> str:
    return html[html.index('id="reviews"') : html.index("</section>", html.index('id="reviews"'))]


@pytest.fixture
def reviewed_product(product, review_factory):
    review = review_factory(product=product, title="Sears like a dream")
    return product, review


# SECTION the product page


def test_a_second_member_gets_the_kept_product_page_with_fewer_queries(
    reviewed_product, user_factory, question_factory, django_assert_max_num_queries
):
    product, _ = reviewed_product
    question_factory(title="Does it work on induction hobs?", product=product)
    first, second = _member(user_factory()), _member(user_factory())
    made = page_text(first, product.url)

    with django_assert_max_num_queries(SHARED_PRODUCT_QUERIES):
        kept = page_text(second, product.url)

    assert _product_body(made) == _product_body(kept)
    assert "Does it work on induction hobs?" in kept and "Sears like a dream" in kept
    assert '<script type="application/ld+json">' in kept
    assert 'name="title"' in kept  # the ask form, with the member's own token


@pytest.mark.parametrize("kind", ["product", "article"])
def test_the_generation_is_read_before_the_page_it_is_kept_for(
    kind, product, article_factory, user_factory
):
    page = product if kind == "product" else article_factory(title="Descaling the kettle")
    member = _member(user_factory())
    with CaptureQueriesContext(connection) as queries:
        page_text(member, page.url)

    sql = [query["sql"] for query in queries.captured_queries]
    generation = next(n for n, text in enumerate(sql) if "common_pagegeneration" in text)
    page_table = "cms_productpage" if kind == "product" else "cms_articlepage"
    first_read = next(n for n, text in enumerate(sql) if page_table in text)
    assert generation < first_read
    assert "accounts_user" in sql[generation]  # with the member's summary, no query more


def test_the_follow_button_is_each_members_own(product, user_factory):
    follower, other = _member(user_factory()), _member(user_factory())
    follower.post(
        reverse("notifications:follow", kwargs={"target_type": "product", "pk": product.pk}),
        {"follow": "1"},
    )
    assert page_text(other, product.url)  # keeps the page for members who follow nothing

    assert 'aria-pressed="true"' in _follow_form(page_text(follower, product.url))
    assert 'aria-pressed="true"' not in _follow_form(page_text(other, product.url))


def _follow_form(html: str) -> str:
    found = re.search(r"<form[^>]*follow.*?</form>", html, flags=re.S)
    assert found is not None, "no follow button"
    return found.group(0)


def test_new_questions_reviews_votes_edits_and_hides_show_on_the_next_request(
    reviewed_product, user_factory, question_factory, review_factory, staff_user
):
    product, review = reviewed_product
    member = _member(user_factory())
    page_text(member, product.url)

    question_factory(title="Can it go in the oven at 250 degrees?", product=product)
    assert "Can it go in the oven at 250 degrees?" in page_text(member, product.url)

    second = review_factory(product=product, title="Too heavy for me", rating=2)
    html = page_text(member, product.url)
    assert "Too heavy for me" in html and "2 reviews" in html

    review_helpful_toggle(review=second, voter=user_factory())
    assert "1 person found this helpful" in _reviews(page_text(member, product.url))

    qa_services.review_edit(
        review=review,
        editor=review.author,
        rating=5,
        title="Sears better than any pan I had",
        body="Still great after a year of daily use, and it sears better than ever.",
        pros="",
        cons="",
    )
    assert "Sears better than any pan I had" in page_text(member, product.url)

    product.short_description = "Now pre-seasoned with flaxseed oil."
    product.save_revision().publish()
    assert "Now pre-seasoned with flaxseed oil." in page_text(member, product.url)

    content_hide(item=second, staff=staff_user, reason="Off topic")
    assert "Too heavy for me" not in page_text(member, product.url)


def test_a_language_switch_shows_the_page_in_the_members_language(product, user_factory):
    member = _member(user_factory())
    english = page_text(member, product.url)
    dutch = page_text(member, product.url, **DUTCH)

    assert 'lang="en"' in english and "Article number" in english
    assert 'lang="nl"' in dutch and "Article number" not in dutch
    assert "Article number" in page_text(member, product.url)


def test_a_member_never_sees_another_members_review_state_or_helpful_votes(
    reviewed_product, buyer_factory, user_factory, review_factory
):
    product, review = reviewed_product
    buyer = buyer_factory(product=product)
    reviewer = buyer_factory(product=product)
    own = review_factory(product=product, author=reviewer, title="My own two cents")
    voter, onlooker = user_factory(), user_factory()
    review_helpful_toggle(review=review, voter=voter)
    clients = {
        name: _member(user)
        for name, user in (
            ("buyer", buyer),
            ("reviewer", reviewer),
            ("voter", voter),
            ("onlooker", onlooker),
        )
    }
    # Everyone's page is kept, in turn, before the others ask for theirs.
    pages = {name: page_text(client, product.url) for name, client in clients.items()}
    pages = {name: page_text(client, product.url) for name, client in clients.items()}

    write = f'href="/reviews/product/{product.pk}/write/"'
    edit_own = f'href="/reviews/{own.pk}/edit/"'
    assert write in pages["buyer"] and "You bought this product" in pages["buyer"]
    assert "You reviewed this product." in pages["reviewer"] and edit_own in pages["reviewer"]
    for name in ("voter", "onlooker"):
        assert write not in pages[name] and "You bought this product" not in pages[name]
        assert "Only customers who bought this product can review it." in pages[name]
    for name in ("buyer", "voter", "onlooker"):
        assert "You reviewed this product." not in pages[name] and edit_own not in pages[name]
    pressed = f'id="review-helpful-{review.pk}".*?aria-pressed="true"'
    assert re.search(pressed, pages["voter"], flags=re.S)
    for name in ("buyer", "reviewer", "onlooker"):
        helpful = pages[name][pages[name].index(f'id="review-helpful-{review.pk}"') :]
        assert 'aria-pressed="true"' not in helpful[: helpful.index("</div>")]


def test_staff_get_the_page_made_afresh_and_nothing_of_theirs_reaches_a_member(
    reviewed_product, user_factory, staff_user
):
    product, _ = reviewed_product
    staff = _member(staff_user)
    assert "Sears like a dream" in page_text(staff, product.url)
    member = _member(user_factory())

    # Nothing was kept by the staff member's request: the member's page is made.
    assert page_queries(member, product.url) > SHARED_PRODUCT_QUERIES
    assert "/admin/" not in _product_body(page_text(member, product.url))
    # And staff are never served a member's kept copy.
    assert page_queries(staff, product.url) > SHARED_PRODUCT_QUERIES


def test_a_suspended_members_review_block_is_theirs_alone(
    reviewed_product, buyer_factory, user_factory
):
    product, _ = reviewed_product
    suspended = buyer_factory(product=product)
    user_suspend(user=suspended, staff=user_factory(is_staff=True), reason="Spam", days=3)
    other = _member(buyer_factory(product=product))
    page_text(other, product.url)

    html = page_text(_member(suspended), product.url)

    assert f'href="/reviews/product/{product.pk}/write/"' not in html
    assert f'href="/reviews/product/{product.pk}/write/"' in page_text(other, product.url)


# SECTION the knowledge-base article


@pytest.fixture
def article(article_factory):
    return article_factory(title="Descaling the kettle")


def test_a_second_member_gets_the_kept_article_with_fewer_queries(
    article, user_factory, django_assert_max_num_queries
):
    first, second = _member(user_factory()), _member(user_factory())
    made = page_text(first, article.url)

    with django_assert_max_num_queries(SHARED_ARTICLE_QUERIES):
        kept = page_text(second, article.url)

    body = slice(kept.index('<article class="article"'), kept.index('id="feedback"'))
    assert made[body] == kept[body]
    assert "Descaling the kettle" in kept
    assert '<script type="application/ld+json">' in kept


def test_a_members_feedback_answer_is_theirs_alone(article, user_factory):
    answered, other = _member(user_factory()), _member(user_factory())
    page_text(other, article.url)
    answered.post(article.url + "feedback/", {"helpful": "yes"})

    assert "Thank you! Glad it helped." in page_text(answered, article.url)
    html = page_text(other, article.url)
    assert "Thank you! Glad it helped." not in html
    assert 'name="helpful" value="yes"' in html


def test_an_article_edit_and_a_language_switch_show_on_the_next_request(article, user_factory):
    member = _member(user_factory())
    page_text(member, article.url)

    article.summary = "Vinegar or citric acid: which works best."
    article.save_revision().publish()
    assert "Vinegar or citric acid: which works best." in page_text(member, article.url)

    dutch = page_text(member, article.url, **DUTCH)
    assert 'lang="nl"' in dutch and "Was this helpful?" not in dutch
    assert "Was this helpful?" in page_text(member, article.url)


def test_staff_get_the_article_made_afresh(article, user_factory, staff_user):
    page_text(_member(user_factory()), article.url)
    assert page_queries(_member(staff_user), article.url) > SHARED_ARTICLE_QUERIES


# SECTION routing a member's address


def test_a_known_address_is_routed_in_one_query(article, user_factory):
    first, second = _member(user_factory()), _member(user_factory())
    page_text(first, article.url)

    with CaptureQueriesContext(connection) as queries:
        page_text(second, article.url)

    page_reads = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT "wagtailcore_page"."id", "wagtailcore_page"."path"')
    ]
    # The article by its id: no read per level of the tree (the knowledge base, its
    # section), and the home page where Wagtail starts is kept under the generation.
    assert len(page_reads) == 1


def test_a_renamed_or_unpublished_page_is_routed_afresh(article, user_factory):
    member = _member(user_factory())
    old_address = article.url
    page_text(member, old_address)
    page_text(member, old_address)

    article.slug = "descaling-made-easy"
    article.save_revision().publish()
    article.refresh_from_db()
    assert member.get(old_address).status_code == 404
    assert "Descaling the kettle" in page_text(member, article.url)

    article.unpublish()
    assert member.get(article.url).status_code == 404


def test_a_pages_own_address_below_it_still_reaches_its_view(article, user_factory):
    member = _member(user_factory())
    page_text(member, article.url)
    page_text(member, article.url)  # now routed from what it led to

    answered = member.post(article.url + "feedback/", {"helpful": "no"})
    assert answered.status_code == 302
    assert member.get(article.url + "feedback/").status_code == 302
    assert "Thank you for telling us." in page_text(member, article.url)


def test_a_member_can_open_the_home_page_again_and_again(user_factory):
    member = _member(user_factory())

    for _ in range(3):
        assert member.get("/").status_code == 200


# SECTION what Wagtail reads before our pages' code, kept under the generation


def _kept_twice(member, url) -> None:
    """The page kept for the member's marks, and served to them from there once."""
    page_text(member, url)
    page_text(member, url)


@pytest.mark.parametrize("restriction_type", ["login", "password"])
def test_a_view_restriction_added_makes_the_article_private_on_the_next_request(
    restriction_type, article, user_factory, anonymous
):
    member = _member(user_factory())
    _kept_twice(member, article.url)
    _kept_twice(anonymous, article.url)
    section = article.get_parent()

    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=restriction_type, password="kettle-secret"
    )

    visitor = anonymous.get(article.url)
    if restriction_type == "login":
        assert visitor.status_code == 302 and "/login/" in visitor["Location"]
        # A signed-in member passes a login restriction: still the article.
        assert "Descaling the kettle" in page_text(member, article.url)
    else:
        assert visitor.status_code == 200 and 'name="password"' in visitor.content.decode()
        # Nor is a member given the kept copy: they too are asked for the password.
        html = member.get(article.url).content.decode()
        assert 'name="password"' in html and "Was this helpful?" not in html

    restriction.delete()
    assert "Descaling the kettle" in page_text(anonymous, article.url)
    assert "Was this helpful?" in page_text(member, article.url)


def test_a_restricted_page_is_checked_by_wagtail_every_time(article, user_factory, anonymous):
    PageViewRestriction.objects.create(page=article, restriction_type="password", password="x")
    member = _member(user_factory())

    for client in (member, member, anonymous, anonymous):
        assert 'name="password"' in client.get(article.url).content.decode()


def test_a_sites_new_hostname_and_root_page_show_on_the_next_request(
    article, product, user_factory
):
    member = _member(user_factory())
    _kept_twice(member, article.url)
    site = Site.objects.get(is_default_site=True)

    site.hostname, site.is_default_site = "shop.example", False
    site.save()
    assert member.get(article.url).status_code == 404

    site.hostname, site.is_default_site = "testserver", True
    site.root_page = Page.objects.get(pk=article.get_parent().get_parent().pk)  # the kb
    site.save()
    article.refresh_from_db()
    section_slug = article.get_parent().slug
    assert "Descaling the kettle" in page_text(member, f"/{section_slug}/{article.slug}/")
    assert member.get(product.url).status_code == 404  # not under the new root


def test_a_new_translation_shows_on_the_next_request(product, user_factory, translate_page):
    member = _member(user_factory())
    _kept_twice(member, product.url)
    _kept_twice(member, product.url + "?lang=nl")
    assert "Gietijzeren koekenpan" not in page_text(member, product.url, **DUTCH)

    translate_page(product, title="Gietijzeren koekenpan")

    dutch = page_text(member, product.url, **DUTCH)
    assert 'lang="nl"' in dutch and "Gietijzeren koekenpan" in dutch
    assert "Gietijzeren koekenpan" not in page_text(member, product.url)


def test_buying_the_product_shows_on_the_next_request_once_delivered(
    reviewed_product, user_factory, purchase_factory
):
    product, _ = reviewed_product
    user = user_factory()
    member = _member(user)
    _kept_twice(member, product.url)
    assert "Only customers who bought this product can review it." in page_text(member, product.url)

    purchase = purchase_factory(email=user.email, product=product, delivered_days_ago=-1)
    html = page_text(member, product.url)
    assert "You bought this product" not in html  # on its way, not delivered yet

    purchase.delivered_at = purchase.ordered_at
    purchase.save()
    html = page_text(member, product.url)
    assert "You bought this product" in html
    assert f'href="/reviews/product/{product.pk}/write/"' in html


def test_a_purchase_with_an_unverified_address_is_not_a_bought_mark(
    reviewed_product, user_factory, purchase_factory
):
    product, _ = reviewed_product
    user = user_factory()
    member = _member(user)
    _kept_twice(member, product.url)

    purchase_factory(email="someone-else@example.com", product=product)
    user.emailaddress_set.update(verified=False)
    purchase_factory(email=user.email, product=product)

    assert "You bought this product" not in page_text(member, product.url)


def test_a_members_helpful_vote_and_follow_show_on_the_next_request_and_only_to_them(
    reviewed_product, user_factory
):
    product, review = reviewed_product
    voter_user = user_factory()
    voter, onlooker = _member(voter_user), _member(user_factory())
    for client in (voter, onlooker):
        _kept_twice(client, product.url)
    pressed = re.compile(f'id="review-helpful-{review.pk}".*?aria-pressed="true"', flags=re.S)

    review_helpful_toggle(review=review, voter=voter_user)
    follow_add(user=voter_user, target=product)

    html = page_text(voter, product.url)
    assert pressed.search(html) and 'aria-pressed="true"' in _follow_form(html)
    html = page_text(onlooker, product.url)
    assert not pressed.search(html) and 'aria-pressed="true"' not in _follow_form(html)
    assert "1 person found this helpful" in _reviews(html)

    review_helpful_toggle(review=review, voter=voter_user)
    follow_remove(user=voter_user, target=product)
    html = page_text(voter, product.url)
    assert not pressed.search(html) and 'aria-pressed="true"' not in _follow_form(html)


def test_a_buyer_and_a_follower_get_their_kept_pages_in_as_few_queries(
    reviewed_product, buyer_factory, user_factory, django_assert_max_num_queries
):
    product, review = reviewed_product
    buyer = buyer_factory(product=product)
    follow_add(user=buyer, target=product)
    review_helpful_toggle(review=review, voter=buyer)
    first, second = _member(buyer), _member(buyer)
    page_text(first, product.url)

    with django_assert_max_num_queries(SHARED_PRODUCT_QUERIES):
        html = page_text(second, product.url)
    assert "You bought this product" in html and 'aria-pressed="true"' in _follow_form(html)
