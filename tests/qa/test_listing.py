from datetime import timedelta

import pytest
from django.utils import timezone

from community.moderation.services import content_hide
from qa import services
from qa.models import Question

pytestmark = pytest.mark.django_db

# Measured, and the same for 1 and for 50 questions: the page count, the page of questions
# (author and product joined), their tags, and the site navigation (page, site, and the site
# root's translations: the site's addresses in each language, until Wagtail caches them).
# ...and the page generation, read first (community/common/page_cache.py).
LIST_QUERIES = 8  # count, page ids, rows, tags; header sections and site; generation
# Measured, and the same for 1 and for 30 answers: the question, its answers, their
# comments, the verified owners among the answerers, the question's tags, and the site
# navigation (page, site and its root's translations), and the knowledge-base article
# promoted from the question.
# ...and the page generation, read first (community/common/page_cache.py).
DETAIL_QUERIES_ANONYMOUS = 10
# ...plus the session, the user, the viewer's marks (their votes, whether they follow the
# question, the posts with a suggested edit waiting) in one union, and the member's summary
# (bell, warnings, admin link) in one. Ten once the header's links are cached, as members
# meet the page on a running site (tests/qa/test_signed_in_pages.py).
# The page generation (the shared posts are kept under it; tests/qa/test_member_fragments.py)
# comes with the member's summary: on a member's next view the tags and the verified owners
# come with the kept posts, two queries fewer.
DETAIL_QUERIES_SIGNED_IN = 13


def _titles(html: str, *titles: str) -> list[str]:
    """The given titles in the order the page shows them (missing ones left out)."""
    present = [t for t in titles if t in html]
    return sorted(present, key=html.index)


def _age(question, *, days: int, active_days: int | None = None) -> None:
    """Backdate a question: asked ``days`` ago, last active ``active_days`` ago."""
    now = timezone.now()
    Question.objects.filter(pk=question.pk).update(
        created_at=now - timedelta(days=days),
        last_activity_at=now - timedelta(days=days if active_days is None else active_days),
    )


@pytest.fixture
def three(question_factory, user_factory, answer_factory):
    """An old question with fresh activity, a middle one with votes, a new unanswered one."""
    old = question_factory(title="The old question about lids")
    middle = question_factory(title="The middle question about pans")
    new = question_factory(title="The new question about kettles")
    answer_factory(question=old)
    _age(old, days=10, active_days=0)
    _age(middle, days=5)
    _age(new, days=1)
    for _ in range(2):
        services.vote_cast(voter=user_factory(), item=middle, value=1)
    answer_factory(question=middle)
    _age(middle, days=5)
    return old, middle, new


def test_list_shows_newest_first(client, three):
    html = client.get("/questions/?order=newest").content.decode()

    assert _titles(html, *(q.title for q in three)) == [
        "The new question about kettles",
        "The middle question about pans",
        "The old question about lids",
    ]


def test_list_shows_recently_active_first_by_default(client, three):
    for url in ("/questions/", "/questions/?order=active", "/questions/?order=nonsense"):
        html = client.get(url).content.decode()

        assert _titles(html, *(q.title for q in three)) == [
            "The old question about lids",
            "The new question about kettles",
            "The middle question about pans",
        ]


def test_list_shows_most_votes_first(client, three):
    html = client.get("/questions/?order=votes").content.decode()

    assert _titles(html, *(q.title for q in three))[0] == "The middle question about pans"


def test_unanswered_order_shows_only_unanswered_questions(client, three):
    html = client.get("/questions/?order=unanswered").content.decode()

    assert _titles(html, *(q.title for q in three)) == ["The new question about kettles"]


def test_current_order_is_marked(client, three):
    html = client.get("/questions/?order=votes").content.decode()

    assert 'href="?order=votes" aria-current="true">Most votes<' in html


def test_answered_filter(client, three):
    answered = client.get("/questions/?answered=yes").content.decode()
    unanswered = client.get("/questions/?answered=no").content.decode()

    assert _titles(answered, *(q.title for q in three)) == [
        "The old question about lids",
        "The middle question about pans",
    ]
    assert _titles(unanswered, *(q.title for q in three)) == ["The new question about kettles"]


def test_product_filter(client, question_factory, product_factory):
    pan = product_factory(title="Cast iron pan")
    question_factory(title="Is the pan heavy to lift?", product=pan)
    question_factory(title="Is the kettle loud at night?", product=product_factory(title="Kettle"))

    html = client.get(f"/questions/?product={pan.pk}").content.decode()

    assert "Is the pan heavy to lift?" in html
    assert "Is the kettle loud at night?" not in html
    assert "About <strong>Cast iron pan</strong>." in html


def test_tag_filter(client, question_factory, tags):
    sizing, cleaning, _ = tags
    question_factory(title="Which size fits a family of four?", tags=[sizing.name])
    question_factory(title="How do I get burnt bits off?", tags=[cleaning.name])

    html = client.get("/questions/?tag=sizing").content.decode()

    assert "Which size fits a family of four?" in html
    assert "How do I get burnt bits off?" not in html
    assert "Tagged <strong>Sizing</strong>." in html


def test_phase_filter(client, question_factory):
    question_factory(title="Should I buy the large one?", phase="before")
    question_factory(title="How do I descale it after a year?", phase="after")

    html = client.get("/questions/?phase=after").content.decode()

    assert "How do I descale it after a year?" in html
    assert "Should I buy the large one?" not in html


def test_filters_combine(client, question_factory, answer_factory, tags, product_factory):
    pan = product_factory(title="Cast iron pan")
    wanted = question_factory(
        title="Wanted: after, pan, sizing", product=pan, phase="after", tags=["Sizing"]
    )
    answer_factory(question=wanted)
    question_factory(title="Other: before, pan, sizing", product=pan, tags=["Sizing"])
    question_factory(title="Other: after, no product", phase="after", tags=["Sizing"])

    html = client.get(
        f"/questions/?product={pan.pk}&tag=sizing&phase=after&answered=yes"
    ).content.decode()

    assert "Wanted: after, pan, sizing" in html
    assert "Other:" not in html


def test_nothing_matching_says_so(client, question_factory):
    question_factory(phase="before")

    html = client.get("/questions/?phase=after").content.decode()

    assert "No questions match yet." in html


def test_list_pages_by_twenty(client, question_factory, user_factory):
    author = user_factory()
    for number in range(25):
        question = question_factory(author=author, title=f"Numbered question {number:02d}?")
        _age(question, days=100 - number)

    first = client.get("/questions/?order=newest").content.decode()
    second = client.get("/questions/?order=newest&page=2").content.decode()

    assert "Numbered question 24?" in first
    assert "Numbered question 05?" in first
    assert "Numbered question 04?" not in first
    assert "Numbered question 04?" in second
    assert "Numbered question 00?" in second
    assert "Numbered question 05?" not in second
    assert 'href="?order=newest&amp;page=2"' in first
    assert 'rel="prev"' in second


def test_hidden_and_deleted_questions_are_never_listed(
    client, staff_user, customer, question_factory
):
    question_factory(title="A public question stays listed")
    hidden = question_factory(title="A hidden question is not listed")
    deleted = question_factory(author=customer, title="A deleted question is not listed")
    content_hide(item=hidden, staff=staff_user, reason="Spam")
    services.question_delete(question=deleted, user=customer)

    for viewer in (None, customer, staff_user):
        if viewer:
            client.force_login(viewer)
        for order in ("newest", "active", "votes", "unanswered"):
            html = client.get(f"/questions/?order={order}").content.decode()
            assert "A public question stays listed" in html
            assert "A hidden question is not listed" not in html
            assert "A deleted question is not listed" not in html


def _make_listed_questions(count, *, user_factory, question_factory, product_factory, tags):
    author = user_factory()
    product = product_factory(title="Cast iron pan")
    for number in range(count):
        question_factory(
            author=author,
            title=f"Question number {number} about the pan?",
            product=product,
            tags=[tag.name for tag in tags],
        )


@pytest.mark.parametrize("count", [1, pytest.param(50, marks=pytest.mark.slow)])
def test_list_queries_do_not_grow_with_the_number_of_questions(
    client,
    django_assert_max_num_queries,
    user_factory,
    question_factory,
    product_factory,
    tags,
    count,
):
    _make_listed_questions(
        count,
        user_factory=user_factory,
        question_factory=question_factory,
        product_factory=product_factory,
        tags=tags,
    )

    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get("/questions/")

    assert response.status_code == 200
    assert response.content.decode().count('class="question-row"') == min(count, 20)


@pytest.mark.parametrize("products", [1, 4])
def test_each_question_shows_its_products_thumbnail_without_a_query_per_row(
    client,
    django_assert_max_num_queries,
    user_factory,
    question_factory,
    product_factory,
    image_factory,
    products,
):
    from django.core.cache import cache

    author = user_factory()
    for number in range(products):
        product = product_factory(
            title=f"Pan {number}", image=image_factory(title=f"Pan photo {number}")
        )
        question_factory(author=author, title=f"Does pan {number} fit?", product=product)
    question_factory(author=author, title="A question about no product?")
    client.get("/questions/")  # makes the thumbnails once, as the first visitor does
    cache.clear()

    # The rows' product images and their thumbnails: two more, however many rows show one.
    with django_assert_max_num_queries(LIST_QUERIES + 2):
        response = client.get("/questions/")

    html = response.content.decode()
    assert html.count('class="question-row__thumb"') == products
    thumbnail = html[html.index("<img", html.index('class="question-row"')) :].split(">")[0]
    assert 'alt=""' in thumbnail  # the product's name is the link beside it
    assert 'loading="lazy"' in thumbnail
    assert ".fill-96x96." in thumbnail  # a small square, never the full photo


def test_a_question_whose_product_has_no_image_shows_no_thumbnail(
    client, question_factory, product_factory
):
    question_factory(title="Which lid fits?", product=product_factory(title="Plain pan"))

    html = client.get("/questions/").content.decode()

    assert "Plain pan" in html
    assert "question-row__thumb" not in html


def _make_thread(count, *, user_factory, question_factory, answer_factory, product_factory, voter):
    product = product_factory(title="Cast iron pan")
    question = question_factory(product=product, tags=["Sizing", "Cleaning"])
    for number in range(count):
        answer = answer_factory(question=question, body=f"Answer number {number} says yes.")
        services.vote_cast(voter=voter, item=answer, value=1 if number % 2 else -1)
        services.comment_create(
            question=question, answer=answer, author=user_factory(), body="Thanks for this."
        )
    services.comment_create(question=question, author=user_factory(), body="Good question.")
    services.vote_cast(voter=voter, item=question, value=1)
    return question


@pytest.mark.parametrize("count", [1, pytest.param(30, marks=pytest.mark.slow)])
@pytest.mark.parametrize("signed_in", [False, True])
def test_question_page_queries_do_not_grow_with_the_number_of_answers(
    client,
    django_assert_max_num_queries,
    user_factory,
    question_factory,
    answer_factory,
    product_factory,
    tags,
    count,
    signed_in,
    warm_related_content,
):
    voter = user_factory()
    question = _make_thread(
        count,
        user_factory=user_factory,
        question_factory=question_factory,
        answer_factory=answer_factory,
        product_factory=product_factory,
        voter=voter,
    )
    if signed_in:
        client.force_login(voter)
    limit = DETAIL_QUERIES_SIGNED_IN if signed_in else DETAIL_QUERIES_ANONYMOUS
    warm_related_content("question", question)

    with django_assert_max_num_queries(limit):
        response = client.get(question.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<article class="answer') == count
    assert html.count("Thanks for this.") == count
    if signed_in:
        assert html.count('aria-pressed="true"') == count + 1
