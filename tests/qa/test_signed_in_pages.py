"""Signed-in pages keep a fixed, small number of queries: the question page and the lists
cost a member or a moderator at most ten, however long the thread, and what only they see
(their votes, follows, the bell, suggested edits, staff labels, the queue count) stays
right from one page to the next."""

import pytest

from community.moderation import services as moderation_services
from community.moderation.enums import StaffLabelKind
from qa import services

pytestmark = pytest.mark.django_db

# The budget of the issue this answers: the question page and the lists, signed in, with
# the site-wide caches warm (the header's section links, the related content), as members
# meet them on a running site. Measured on the question page: the question, session, user,
# answers, comments, the viewer's marks (votes, follow, suggested edits, staff labels) in
# one union, the answerers who bought the product, an article promoted from the question,
# the tags, and the member's summary (bell, warnings, admin link, queue count) in one.
SIGNED_IN_PAGE_QUERIES = 10
# A member (not staff) also reads the page generation, under which the page is kept for
# every member with the same marks, in the same query as their summary: none more the first
# time. Once it is kept: the session, the user, their summary and their marks (votes,
# follow, suggested edits, posts of theirs that are not public) in one union; the question,
# its public answers and comments are kept reads, and the tags, the answerers who bought
# the product and the promoted article are in the kept page.
MEMBER_FIRST_VIEW_QUERIES = SIGNED_IN_PAGE_QUERIES
MEMBER_KEPT_VIEW_QUERIES = 4


@pytest.fixture
def warm_site(warm_site_frame, warm_related_content):
    def warm(question=None):
        warm_site_frame()
        if question is not None:
            warm_related_content("question", question)

    return warm


@pytest.fixture(params=["member", "staff"])
def viewer(request, user_factory):
    """A member trusted to edit others' posts (they see suggested edits waiting), or staff."""
    staff = request.param == "staff"
    user = user_factory(username=f"viewing-{request.param}", is_staff=staff)
    if not staff:
        type(user).objects.filter(pk=user.pk).update(reputation=1000)
        user.refresh_from_db()
    return user


def _busy_thread(count, *, viewer, user_factory, question_factory, answer_factory, product):
    """A question on a product with ``count`` answers, comments on each, the viewer's votes,
    a suggested edit waiting, and something in the moderation queue."""
    question = question_factory(product=product, tags=["Sizing", "Cleaning"])
    for number in range(count):
        answer = answer_factory(question=question, body=f"Answer number {number} says yes.")
        services.vote_cast(voter=viewer, item=answer, value=1)
        services.comment_create(
            question=question, answer=answer, author=user_factory(), body="Thanks for this."
        )
    services.comment_create(question=question, author=user_factory(), body="Good question.")
    services.vote_cast(voter=viewer, item=question, value=1)
    suggester = user_factory()
    type(suggester).objects.filter(pk=suggester.pk).update(reputation=200)
    suggester.refresh_from_db()
    services.suggested_edit_create(
        item=question,
        suggester=suggester,
        summary="Clearer",
        title="Does the glass lid fit the 28 cm pan?",
        body=question.body,
    )
    moderation_services.flag_create(
        flagger=user_factory(), target=answer_factory(question=question), reason="spam"
    )
    return question


@pytest.mark.parametrize("count", [1, pytest.param(25, marks=pytest.mark.slow)])
def test_the_question_page_takes_at_most_ten_queries_signed_in_once_kept(
    client,
    django_assert_max_num_queries,
    viewer,
    user_factory,
    question_factory,
    answer_factory,
    product_factory,
    warm_site,
    count,
):
    question = _busy_thread(
        count,
        viewer=viewer,
        user_factory=user_factory,
        question_factory=question_factory,
        answer_factory=answer_factory,
        product=product_factory(title="Cast iron pan"),
    )
    client.force_login(viewer)
    client.post(f"/notifications/follow/question/{question.pk}/", {"follow": "1"})
    if viewer.is_staff:
        moderation_services.staff_label_set(
            item=question, staff=viewer, kind=StaffLabelKind.values[0], on=True
        )
    warm_site(question)

    first_view = SIGNED_IN_PAGE_QUERIES if viewer.is_staff else MEMBER_FIRST_VIEW_QUERIES
    with django_assert_max_num_queries(first_view):
        client.get(question.get_absolute_url())
    kept_view = SIGNED_IN_PAGE_QUERIES if viewer.is_staff else MEMBER_KEPT_VIEW_QUERIES
    with django_assert_max_num_queries(kept_view):
        response = client.get(question.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Thanks for this.") == count
    # Their votes on the question and on every answer they voted on.
    assert html.count('aria-pressed="true"') >= count + 1
    assert "1 suggested edit waiting" in html
    assert "Stop following" in html
    if viewer.is_staff:
        assert "Moderation (1)" in html
        assert "Remove label" in html
    else:
        assert "Moderation (" not in html


@pytest.mark.parametrize(
    "list_url", ["/questions/", "product", "/questions/?tag=sizing", "board", "/forum/"]
)
def test_the_lists_take_at_most_ten_queries_signed_in(
    client,
    django_assert_max_num_queries,
    viewer,
    question_factory,
    product_factory,
    topic_factory,
    warm_site,
    list_url,
):
    product = product_factory(title="Cast iron pan")
    for number in range(3):
        question_factory(
            title=f"Question number {number} about the pan?", product=product, tags=["Sizing"]
        )
    topic = topic_factory()
    url = {
        "product": f"/questions/?product={product.pk}",
        "board": topic.board.get_absolute_url(),
    }.get(list_url, list_url)
    client.force_login(viewer)
    warm_site()

    with django_assert_max_num_queries(SIGNED_IN_PAGE_QUERIES):
        response = client.get(url)

    assert response.status_code == 200
    assert "Notifications, 0 unread" in response.content.decode()


def test_the_follow_shows_on_the_next_page_and_goes_when_stopped(
    client, customer, question_factory
):
    question = question_factory()
    client.force_login(customer)
    follow_url = f"/notifications/follow/question/{question.pk}/"

    assert "Stop following" not in client.get(question.get_absolute_url()).content.decode()
    client.post(follow_url, {"follow": "1"})
    assert "Stop following" in client.get(question.get_absolute_url()).content.decode()
    client.post(follow_url, {"follow": "0"})
    assert "Stop following" not in client.get(question.get_absolute_url()).content.decode()


def test_a_new_answer_shows_in_the_askers_bell_on_the_next_page(
    client, customer, user_factory, question_factory, answer_factory
):
    question = question_factory(author=customer)
    client.force_login(customer)
    assert "Notifications, 0 unread" in client.get("/questions/").content.decode()

    answer_factory(question=question, author=user_factory())

    assert "Notifications, 1 unread" in client.get("/questions/").content.decode()
    client.post("/notifications/read-all/")
    assert "Notifications, 0 unread" in client.get("/questions/").content.decode()


def test_marks_of_one_member_never_show_to_another(
    client, customer, user_factory, question_factory, answer_factory
):
    question = question_factory()
    answer = answer_factory(question=question)
    services.vote_cast(voter=customer, item=answer, value=1)
    client.force_login(customer)
    client.post(f"/notifications/follow/question/{question.pk}/", {"follow": "1"})

    client.force_login(user_factory())
    html = client.get(question.get_absolute_url()).content.decode()

    assert "Stop following" not in html
    assert 'aria-pressed="true"' not in html
