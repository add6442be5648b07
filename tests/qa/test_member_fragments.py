"""A signed-in member's question page: the posts, answers and comments are made once for every
member who sees them alike and kept under the page generation; each member's own layer (their
votes, the buttons their permissions give, their token) is theirs alone, and every change
shows on the very next request."""

import re

import pytest
from django.test import Client

from community.moderation.services import content_hide
from qa import services
from qa.models import Question
from tests.conftest import page_text

# Each test runs with the local cache and with Redis: what is kept must be made afresh alike.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_cache")]

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# A member served the page kept for their marks: the session, user, the member's summary
# with the generation and the viewer's marks (the question, its public answers and
# comments are kept reads; the tags, the answerers who bought the product and the promoted
# article are in the kept page).
SHARED_PAGE_QUERIES = 4


@pytest.fixture
def thread(question_factory, answer_factory, customer, product_factory):
    question = question_factory(
        author=customer,
        title="Does the lid fit the 28 cm pan?",
        product=product_factory(title="Cast iron pan"),
        tags=["Sizing"],
    )
    answer = answer_factory(question=question, body="Yes, the lid fits snugly.")
    services.comment_create(question=question, answer=answer, author=customer, body="Thanks!")
    return question, answer


def _member(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def _posts(html: str) -> str:
    """The question's post, the answers and the comments, without the tokens."""
    answers = html.index('<section class="answers"')
    part = html[html.index('<div class="post">') : html.index("</section>", answers)]
    return TOKEN.sub("", part)


def _vote_block(html: str, kind: str, pk: int) -> str:
    start = html.index(f'id="vote-{kind}-{pk}"')
    return html[start : html.index("</div>", start)]


def test_the_second_member_gets_the_shared_part_with_fewer_queries(
    thread, user_factory, django_assert_max_num_queries, warm_related_content
):
    question, _ = thread
    warm_related_content("question", question)
    first_member, second_member = _member(user_factory()), _member(user_factory())
    first = page_text(first_member, question.get_absolute_url())

    with django_assert_max_num_queries(SHARED_PAGE_QUERIES):
        second = page_text(second_member, question.get_absolute_url())

    assert _posts(first) == _posts(second)
    assert "Yes, the lid fits snugly." in second and "Thanks!" in second
    assert 'class="tag"' in second and "Sizing" in second
    assert '<script type="application/ld+json">' in second
    assert '<meta name="description" content="' in second


def test_each_member_gets_a_token_that_works_for_them(thread, user_factory):
    question, answer = thread
    page_text(_member(user_factory()), question.get_absolute_url())
    voter = _member(user_factory())

    page = page_text(voter, question.get_absolute_url())
    token = TOKEN.search(_vote_block(page, "answer", answer.pk)).group(1)
    voted = voter.post(f"/answers/{answer.pk}/vote/", {"value": 1, "csrfmiddlewaretoken": token})

    assert voted.status_code == 302
    assert 'aria-pressed="true"' in _vote_block(
        page_text(voter, question.get_absolute_url()), "answer", answer.pk
    )


def test_member_a_never_sees_member_bs_votes_or_buttons(thread, user_factory, answer_factory):
    question, answer = thread
    a_user, b_user = user_factory(), user_factory()
    own = answer_factory(question=question, author=b_user, body="Mine is the 24 cm lid.")
    a, b = _member(a_user), _member(b_user)
    services.vote_cast(voter=b_user, item=answer, value=1)
    services.vote_cast(voter=b_user, item=question, value=1)

    b_page = page_text(b, question.get_absolute_url())
    a_page = page_text(a, question.get_absolute_url())
    again = page_text(b, question.get_absolute_url())

    assert 'aria-pressed="true"' in _vote_block(b_page, "answer", answer.pk)
    assert 'aria-pressed="true"' in _vote_block(b_page, "question", question.pk)
    assert 'aria-pressed="true"' not in a_page
    assert f'href="/answers/{own.pk}/edit/"' in b_page
    assert f'href="/answers/{own.pk}/edit/"' not in a_page
    assert _posts(b_page) == _posts(again)


def test_the_asker_gets_their_accept_buttons_and_no_one_else(thread, customer, user_factory):
    question, _ = thread
    # Signed in first: signing in writes, and would make the shared parts afresh anyway.
    other, asker, later = _member(user_factory()), _member(customer), _member(user_factory())

    other_page = page_text(other, question.get_absolute_url())
    asker_page = page_text(asker, question.get_absolute_url())
    later_page = page_text(later, question.get_absolute_url())

    assert "Accept this answer" in asker_page
    assert "Accept this answer" not in other_page
    assert "Accept this answer" not in later_page


def test_staff_controls_never_reach_a_member(thread, user_factory, staff_user):
    question, _ = thread
    staff_client, member_client = _member(staff_user), _member(user_factory())
    staff = page_text(staff_client, question.get_absolute_url())
    member = page_text(member_client, question.get_absolute_url())
    staff_again = page_text(staff_client, question.get_absolute_url())

    for page in (staff, staff_again):
        assert "Mark as official answer" in page
        assert 'name="action" value="hide"' in page
    assert "Mark as official answer" not in member
    assert 'name="action" value="hide"' not in member


def test_changes_show_on_the_next_request_for_a_member(
    thread, user_factory, customer, staff_user, answer_factory
):
    question, answer = thread
    url = question.get_absolute_url()
    reader = _member(user_factory())
    assert "A second opinion" not in page_text(reader, url)

    services.vote_cast(voter=user_factory(), item=answer, value=1)
    voted = page_text(reader, url)
    assert "1 vote<" in _vote_block(voted, "answer", answer.pk)

    answer_factory(question=question, body="A second opinion: it fits well.")
    assert "A second opinion: it fits well." in page_text(reader, url)

    services.answer_edit(answer=answer, editor=answer.author, body="Yes, it sits loosely.")
    edited = page_text(reader, url)
    assert "Yes, it sits loosely." in edited and "snugly" not in edited

    services.answer_accept(answer=answer, user=customer)
    assert "Accepted by the asker" in page_text(reader, url)

    content_hide(item=answer, staff=staff_user, reason="Spam")
    assert "sits loosely" not in page_text(reader, url)

    dutch = page_text(reader, url, HTTP_ACCEPT_LANGUAGE="nl")
    assert 'lang="nl"' in dutch
    assert "Antwoord" in dutch or "antwoord" in dutch
    assert 'lang="en"' in page_text(reader, url)


def test_a_member_sees_their_own_hidden_answer_and_others_do_not(
    thread, user_factory, answer_factory, staff_user
):
    question, _ = thread
    author = user_factory()
    hidden = answer_factory(question=question, author=author, body="Buy it from my own shop.")
    content_hide(item=hidden, staff=staff_user, reason="Advertising")
    url = question.get_absolute_url()

    author_client, other_client = _member(author), _member(user_factory())
    theirs = page_text(author_client, url)
    other = page_text(other_client, url)
    theirs_again = page_text(author_client, url)

    assert "Buy it from my own shop." in theirs and "Hidden by staff" in theirs
    assert "Buy it from my own shop." in theirs_again
    assert "Buy it from my own shop." not in other
    assert "Hidden by staff" not in other


def test_a_hidden_question_is_gone_for_members(thread, user_factory, staff_user):
    question, _ = thread
    reader = _member(user_factory())
    page_text(reader, question.get_absolute_url())

    content_hide(item=Question.objects.get(pk=question.pk), staff=staff_user, reason="Spam")

    assert reader.get(question.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("kind", ["answer", "comment"])
def test_a_members_own_post_that_is_not_public_shows_after_others_read_the_thread(
    kind, thread, user_factory, answer_factory, staff_user
):
    question, answer = thread
    author = user_factory()
    if kind == "answer":
        own = answer_factory(question=question, author=author, body="Buy it from my own shop.")
    else:
        own = services.comment_create(
            question=question, answer=answer, author=author, body="Buy it from my own shop."
        )
    content_hide(item=own, staff=staff_user, reason="Advertising")
    author_client, other_client = _member(author), _member(user_factory())

    other = page_text(other_client, question.get_absolute_url())  # the public posts, kept
    theirs = page_text(author_client, question.get_absolute_url())

    assert "Buy it from my own shop." not in other
    assert "Buy it from my own shop." in theirs and "Hidden by staff" in theirs
