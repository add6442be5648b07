"""Pages kept for visitors who are not signed in: served again only while nothing they show
has changed, never to a member, never with another visitor's token or message.

Every change below is made the way the site makes it (a member's request, a staff service)
and the very next visitor request must show it.
"""

import re

import pytest
from django.test import Client

from community.common.page_cache import current_generation
from community.moderation.services import content_hide
from qa.models import Question

# Each test runs with the local cache and with Redis: what is kept must be made afresh alike.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_cache")]

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def visitor():
    """A browser that never signs in and checks CSRF tokens as a real one would be."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def thread(question_factory, answer_factory, customer):
    question = question_factory(author=customer, title="Does the lid fit the 28 cm pan?")
    answer = answer_factory(question=question, body="Yes, the lid fits snugly.")
    return question, answer


def _page(client, url, **headers) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_a_visitor_gets_the_same_page_again_from_the_cache(
    visitor, thread, django_assert_max_num_queries
):
    question, _ = thread
    first = _page(visitor, question.get_absolute_url())

    with django_assert_max_num_queries(1):  # the generation, nothing else
        response = visitor.get(question.get_absolute_url())
    second = response.content.decode()

    assert "Yes, the lid fits snugly." in first
    assert TOKEN.sub("", first) == TOKEN.sub("", second)
    # A shared cache in front (a CDN) must still tell members' pages from this one.
    assert "Cookie" in response["Vary"]


def test_a_new_answer_posted_by_a_member_shows_on_the_next_visitor_request(
    visitor, client, thread, user_factory
):
    question, _ = thread
    assert "A second opinion" not in _page(visitor, question.get_absolute_url())
    assert "A second opinion" not in _page(visitor, "/questions/")
    client.force_login(user_factory())

    posted = client.post(
        f"/questions/{question.pk}/answer/", {"body": "A second opinion: it fits well."}
    )

    assert posted.status_code == 302
    assert "A second opinion: it fits well." in _page(visitor, question.get_absolute_url())
    assert "2 answers" in _page(visitor, "/questions/")


def test_a_vote_shows_on_the_next_visitor_request(visitor, client, thread, user_factory):
    question, answer = thread
    before = _page(visitor, question.get_absolute_url())
    assert f'id="vote-answer-{answer.pk}"' in before
    client.force_login(user_factory())

    client.post(f"/answers/{answer.pk}/vote/", {"value": 1})

    after = _page(visitor, question.get_absolute_url())
    block = after[after.index(f'id="vote-answer-{answer.pk}"') :]
    score = block[block.index('class="vote__score"') :][:200]
    assert "1 vote<" in score


def test_an_edit_shows_on_the_next_visitor_request(visitor, thread):
    question, answer = thread
    assert "snugly" in _page(visitor, question.get_absolute_url())
    author = answer.author
    member = Client()
    member.force_login(author)

    edited = member.post(f"/answers/{answer.pk}/edit/", {"body": "Yes, it sits loosely."})

    assert edited.status_code == 302
    page = _page(visitor, question.get_absolute_url())
    assert "Yes, it sits loosely." in page
    assert "snugly" not in page


def test_an_accepted_answer_shows_on_the_next_visitor_request(visitor, thread, customer):
    question, answer = thread
    assert "Accepted" not in _page(visitor, question.get_absolute_url())
    asker = Client()
    asker.force_login(customer)

    asker.post(f"/answers/{answer.pk}/accept/")

    assert Question.objects.get(pk=question.pk).accepted_answer_id == answer.pk
    assert "Accepted" in _page(visitor, question.get_absolute_url())


def test_hidden_content_never_survives_in_the_cache(visitor, thread, staff_user):
    question, answer = thread
    assert "snugly" in _page(visitor, question.get_absolute_url())
    assert question.title in _page(visitor, "/questions/")

    content_hide(item=answer, staff=staff_user, reason="Spam")
    assert "snugly" not in _page(visitor, question.get_absolute_url())

    content_hide(item=Question.objects.get(pk=question.pk), staff=staff_user, reason="Spam")
    assert visitor.get(question.get_absolute_url()).status_code == 404
    assert question.title not in _page(visitor, "/questions/")


def test_a_change_made_without_save_signals_still_empties_the_cache(visitor, thread):
    """A queryset update (as counters and moderation use) is a write like any other."""
    question, _ = thread
    _page(visitor, question.get_absolute_url())
    before = current_generation()

    Question.objects.filter(pk=question.pk).update(title="Does the lid fit the 24 cm pan?")

    assert current_generation() > before
    assert "Does the lid fit the 24 cm pan?" in _page(visitor, question.get_absolute_url())


def test_a_write_that_is_rolled_back_keeps_the_generation(thread):
    from django.db import transaction

    before = current_generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        Question.objects.update(title="Never shown")
        raise RuntimeError

    assert current_generation() == before


def test_a_language_switch_shows_on_the_next_request(visitor, thread):
    question, _ = thread
    english = _page(visitor, question.get_absolute_url())
    assert 'lang="en"' in english
    token = TOKEN.search(english).group(1)

    switched = visitor.post(
        "/i18n/setlang/",
        {"language": "nl", "next": question.get_absolute_url(), "csrfmiddlewaretoken": token},
    )

    assert switched.status_code == 302
    assert 'lang="nl"' in _page(visitor, question.get_absolute_url())
    assert 'lang="en"' in _page(Client(), question.get_absolute_url())
    assert 'lang="nl"' in _page(Client(), question.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="nl")


def test_each_visitor_gets_a_token_that_works_for_them(thread):
    """The page came from the cache for the second visitor, with their own CSRF token."""
    question, _ = thread
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    _page(first, question.get_absolute_url())

    page = _page(second, question.get_absolute_url())
    token = TOKEN.search(page).group(1)
    switched = second.post(
        "/i18n/setlang/", {"language": "nl", "next": "/", "csrfmiddlewaretoken": token}
    )

    assert switched.status_code == 302
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value


def test_a_member_never_gets_a_visitor_page_or_another_members_layer(visitor, thread, user_factory):
    question, answer = thread
    _page(visitor, question.get_absolute_url())
    voter, other = user_factory(), user_factory()
    first, second = Client(), Client()
    first.force_login(voter)
    second.force_login(other)
    first.post(f"/answers/{answer.pk}/vote/", {"value": 1})

    mine = _page(first, question.get_absolute_url())
    theirs = _page(second, question.get_absolute_url())

    def pressed(html):
        block = html[html.index(f'id="vote-answer-{answer.pk}"') :][:600]
        return 'aria-pressed="true"' in block

    assert pressed(mine)
    assert not pressed(theirs)
    assert voter.username in mine and voter.username not in theirs
    assert voter.username not in _page(visitor, question.get_absolute_url())


def test_a_visitor_with_a_pending_message_gets_a_fresh_page(thread, client, user_factory):
    """A message is for one browser: its page is neither served from nor kept in the cache."""
    question, _ = thread
    _page(Client(), question.get_absolute_url())
    member = user_factory()
    client.force_login(member)

    client.post(f"/questions/{question.pk}/answer/", {"body": "Mine fits too, thanks."})
    page = _page(client, question.get_absolute_url())

    assert "Your answer is posted" in page
    assert "Your answer is posted" not in _page(Client(), question.get_absolute_url())


def test_forum_topics_product_pages_and_articles_follow_their_changes(
    visitor, topic_factory, reply_factory, product_factory
):
    topic = topic_factory()
    product = product_factory(title="Cast-iron skillet")
    assert "Mine arrived today" not in _page(visitor, topic.get_absolute_url())
    _page(visitor, product.url)

    reply_factory(topic=topic, body="Mine arrived today, very happy.")
    product.title = "Cast-iron skillet, 28 cm"
    product.save_revision().publish()

    assert "Mine arrived today, very happy." in _page(visitor, topic.get_absolute_url())
    assert "Cast-iron skillet, 28 cm" in _page(visitor, product.url)


def test_a_members_question_list_follows_changes_to_its_shared_rows(
    client, customer, thread, question_factory
):
    """The rows are kept for members too (the same for every reader), under the generation."""
    question, _ = thread
    client.force_login(customer)
    assert question.title in _page(client, "/questions/")

    question_factory(title="Can the skillet go in the oven?")
    Question.objects.filter(pk=question.pk).update(title="Does the lid fit the 24 cm pan?")

    page = _page(client, "/questions/")
    assert "Can the skillet go in the oven?" in page
    assert "Does the lid fit the 24 cm pan?" in page
    assert 'lang="nl"' in _page(client, "/questions/", HTTP_ACCEPT_LANGUAGE="nl")
    assert "gevraagd door" in _page(client, "/questions/", HTTP_ACCEPT_LANGUAGE="nl")


def test_one_visitors_answer_to_was_this_helpful_is_never_shown_to_others(
    article_factory, knowledge_base
):
    _index, sections = knowledge_base
    article = article_factory(section=next(iter(sections.values())), title="Descaling")
    answered, other = Client(), Client()
    answered.post(article.url + "feedback/", {"helpful": "no"})

    own = _page(answered, article.url)
    theirs = _page(other, article.url)

    assert "Thank you for telling us." in own
    assert "Thank you for telling us." not in theirs
    assert "Was this helpful?" in theirs


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_writers_that_lock_rows_in_opposite_orders_wait_for_each_other_instead_of_deadlocking(
    question_factory, answer_factory, customer
):
    """One writer changes an answer and then its question; another locks the question (as
    accepting an answer does) and then changes the answer. Each takes the generation's lock
    before any row's, so the second waits for the first and both succeed (on PostgreSQL
    they would otherwise deadlock, and one would be refused)."""
    import threading

    from django.db import connection, transaction

    from qa.models import Answer

    question = question_factory(author=customer, title="Which lid fits?")
    answer = answer_factory(question=question, body="The 28 cm lid.")
    first_wrote = threading.Event()
    errors = []

    def second_writer():
        try:
            first_wrote.wait(5)
            with transaction.atomic():
                Question.objects.select_for_update().get(pk=question.pk)
                Answer.objects.filter(pk=answer.pk).update(body="The 24 cm lid.")
        except Exception as error:  # noqa: BLE001 (the assertion reports it)
            errors.append(error)
        finally:
            connection.close()

    other = threading.Thread(target=second_writer)
    other.start()
    with transaction.atomic():
        Answer.objects.filter(pk=answer.pk).update(body="The 26 cm lid.")
        first_wrote.set()
        other.join(0.5)  # the second writer reaches its lock meanwhile
        Question.objects.filter(pk=question.pk).update(title="Which lid fits the pan?")
    other.join(10)

    assert not other.is_alive()
    assert errors == []
    assert Question.objects.get(pk=question.pk).title == "Which lid fits the pan?"
    assert Answer.objects.get(pk=answer.pk).body == "The 24 cm lid."


@pytest.mark.parametrize(
    ("sql", "table"),
    [
        ('SELECT "qa_question"."id" FROM "qa_question" WHERE "qa_question"."id" = %s', None),
        ('SELECT "updated_at" FROM "qa_question" ORDER BY "updated_at" DESC', None),
        ('SELECT "id" FROM "qa_question" WHERE "id" = %s FOR UPDATE', "qa_question"),
        ('SELECT "id" FROM "qa_question" WHERE "id" = %s FOR NO KEY UPDATE', "qa_question"),
        ('select "id" from "qa_answer" where "id" = %s for update', "qa_answer"),
        ('UPDATE "qa_question" SET "title" = %s', "qa_question"),
        ('INSERT INTO "qa_answer" ("body") VALUES (%s)', "qa_answer"),
        ('DELETE FROM "qa_answer" WHERE "id" = %s', "qa_answer"),
    ],
)
def test_writes_and_locking_reads_are_told_from_plain_reads(sql, table):
    from community.common.page_cache import _written_table

    assert _written_table(sql) == table
