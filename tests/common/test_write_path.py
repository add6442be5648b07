"""Writing a post: the text is rendered once and pictures are decoded before the write
transaction opens (it only writes rows), and a busy database never loses what was typed."""

from __future__ import annotations

import django_tasks.signals
import markdown
import pytest
from django.db import InterfaceError, OperationalError, connection
from django.urls import reverse

from community.accounts.services import profile_update
from community.common import uploads
from community.common.transactions import DatabaseBusy, is_database_busy, is_database_unavailable
from community.common.uploads import ImageUpload
from forum import services as forum_services
from forum.models import Post
from qa import services as qa_services
from qa.models import Answer, Question
from tests.conftest import image_upload

pytestmark = pytest.mark.django_db


def trusted(user, reputation=2000):
    type(user).objects.filter(pk=user.pk).update(reputation=reputation)
    user.refresh_from_db()
    return user


@pytest.fixture
def slow_work(db, monkeypatch):
    """Every Markdown rendering, image resize and background task (search indexing,
    notifications), each noted with whether a transaction the
    test itself did not open was open at that moment (the test runs inside its own)."""
    outer_depth = len(connection.atomic_blocks)
    seen: list[tuple[str, bool]] = []

    def in_write_transaction() -> bool:
        return len(connection.atomic_blocks) > outer_depth

    real_convert = markdown.Markdown.convert

    def convert(self, source):
        seen.append(("render", in_write_transaction()))
        return real_convert(self, source)

    real_resize = uploads._resized_copy

    def resize(*args, **kwargs):
        seen.append(("image", in_write_transaction()))
        return real_resize(*args, **kwargs)

    def task_started(sender, task_result, **kwargs):
        seen.append((f"task {task_result.task.name}", in_write_transaction()))

    monkeypatch.setattr(markdown.Markdown, "convert", convert)
    monkeypatch.setattr(uploads, "_resized_copy", resize)
    django_tasks.signals.task_started.connect(task_started)
    yield seen
    django_tasks.signals.task_started.disconnect(task_started)


def slow_and_outside(seen) -> list[str]:
    """The renderings and resizes noted, once checked that nothing (tasks included) ran
    inside the write transaction."""
    assert not any(inside for _kind, inside in seen), seen
    return [kind for kind, _inside in seen if not kind.startswith("task")]


def photo(alt_text="The pan on the stove"):
    return ImageUpload(upload=image_upload(), alt_text=alt_text)


def _ask(author, **_):
    return qa_services.question_create(
        author=author, title="Does the lid fit?", body="It is **28 cm**.", phase="before"
    )


def _edit_question(author, question_factory, **_):
    question = question_factory(author=author)
    return lambda: qa_services.question_edit(
        question=question,
        editor=author,
        title=question.title,
        body="Edited: see https://example.com",
        phase=question.phase,
        product=question.product,
        tags=question.tags.names(),
    )


def _answer(author, question_factory, **_):
    question = question_factory()
    return lambda: qa_services.answer_create(question=question, author=author, body="It *fits*.")


def _edit_answer(author, question_factory, answer_factory, **_):
    answer = answer_factory(question=question_factory(), author=author)
    return lambda: qa_services.answer_edit(answer=answer, editor=author, body="It fits *well*.")


def _comment(author, question_factory, **_):
    question = question_factory()
    return lambda: qa_services.comment_create(question=question, author=author, body="Which one?")


def _topic(author, board, **_):
    return lambda: forum_services.topic_create(
        board=board, author=author, title="My new pan", body="Look!", photos=[photo()]
    )


def _reply(author, topic_factory, **_):
    topic = topic_factory()
    return lambda: forum_services.reply_create(
        topic=topic, author=author, body="Mine too", photos=[photo(), photo()]
    )


def _edit_post(author, topic_factory, **_):
    topic = topic_factory(author=author)
    return lambda: forum_services.post_edit(
        post=topic.first_post, editor=author, body="Changed **text**"
    )


def _review(author, product, purchase_factory, **_):
    purchase_factory(email=author.email, product=product)
    return lambda: qa_services.review_create(
        author=author,
        product=product,
        rating=4,
        title="Good pan",
        body="Heats *evenly*.",
        photos=[photo()],
    )


def _edit_review(author, product, purchase_factory, review_factory, **_):
    purchase_factory(email=author.email, product=product)
    review = review_factory(product=product, author=author)
    return lambda: qa_services.review_edit(
        review=review,
        editor=author,
        rating=5,
        title="Great pan",
        body="Heats *very* evenly.",
        pros=review.pros,
        cons=review.cons,
        photos=[photo()],
    )


WRITES = {
    "ask": lambda author, **fixtures: lambda: _ask(author),
    "edit question": _edit_question,
    "answer": _answer,
    "edit answer": _edit_answer,
    "comment": _comment,
    "topic with a photo": _topic,
    "reply with photos": _reply,
    "edit forum post": _edit_post,
    "review with a photo": _review,
    "edit review with a photo": _edit_review,
}


@pytest.mark.parametrize("write", WRITES)
def test_each_write_renders_its_text_once_and_does_slow_work_before_the_transaction(
    write,
    slow_work,
    user_factory,
    question_factory,
    answer_factory,
    topic_factory,
    board,
    product,
    purchase_factory,
    review_factory,
):
    author = trusted(user_factory())
    action = WRITES[write](
        author,
        question_factory=question_factory,
        answer_factory=answer_factory,
        topic_factory=topic_factory,
        board=board,
        product=product,
        purchase_factory=purchase_factory,
        review_factory=review_factory,
    )
    slow_work.clear()  # what the factories above did is not this write

    action()

    renders = [inside for kind, inside in slow_work if kind == "render"]
    assert len(renders) == 1, "the text is rendered exactly once per write"
    assert slow_work, "the write did its work"
    assert not any(inside for _kind, inside in slow_work), slow_work


def test_a_new_answer_is_indexed_after_its_write_and_found_by_search(
    slow_work, customer, question_factory, client
):
    question = question_factory(title="Does the lid fit the pan?")
    trusted(customer)
    slow_work.clear()

    qa_services.answer_create(question=question, author=customer, body="Only the zinnober lid.")

    tasks = [(kind, inside) for kind, inside in slow_work if kind.startswith("task")]
    assert tasks, "the search index is updated in a background task"
    assert not any(inside for _kind, inside in tasks), tasks

    response = client.get(reverse("search"), {"q": "zinnober"})

    assert question.title in response.content.decode()


def test_a_staff_reply_to_a_review_is_rendered_before_the_transaction(
    slow_work, review_factory, product, staff_user
):
    review = review_factory(product=product)
    slow_work.clear()

    qa_services.review_reply_save(review=review, staff=staff_user, body="Thank *you*!")

    assert slow_and_outside(slow_work) == ["render"]


def test_accepting_a_suggested_edit_renders_before_the_transaction(
    slow_work, user_factory, question_factory, answer_factory
):
    author = user_factory()
    answer = answer_factory(question=question_factory(), author=author)
    suggestion = qa_services.suggested_edit_create(
        item=answer,
        suggester=trusted(user_factory(), reputation=200),  # may suggest, not edit
        body="It fits, with *the* lid.",
        summary="clearer",
    )
    slow_work.clear()

    qa_services.suggested_edit_accept(suggestion=suggestion, user=author)

    assert slow_and_outside(slow_work) == ["render"]
    assert Answer.objects.get(pk=answer.pk).body == "It fits, with *the* lid."


def test_a_new_avatar_is_decoded_before_the_transaction(slow_work, customer):
    profile_update(
        user=customer,
        display_name="Emma",
        bio="",
        avatar=ImageUpload(upload=image_upload(size=(900, 700))),
    )

    assert slow_and_outside(slow_work) == ["image"]
    customer.refresh_from_db()
    assert customer.avatar


def test_a_refused_photo_stores_no_file_and_no_post(settings, user_factory, topic_factory):
    topic = topic_factory()
    bad = ImageUpload(upload=image_upload(), alt_text="")

    with pytest.raises(Exception):  # noqa: B017 - ValidationError, shown beside the photos
        forum_services.reply_create(
            topic=topic, author=trusted(user_factory()), body="Two", photos=[photo(), bad]
        )

    assert topic.posts.count() == 1
    assert not [path for path in (settings.MEDIA_ROOT / "photos").rglob("*") if path.is_file()]


# SECTION a busy database


def _locked_once(monkeypatch, module, name):
    """Make ``module.name`` (called inside a write transaction) fail as a locked database
    the first time; returns the list of calls."""
    real = getattr(module, name)
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, flaky)
    return calls


def _always_locked(monkeypatch, module, name):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(module, name, locked)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_write_that_meets_a_locked_database_is_tried_again_and_saved(
    monkeypatch, user_factory, question_factory
):
    import qa.services.questions as questions_module

    question = question_factory(author=trusted(user_factory()))
    calls = _locked_once(monkeypatch, questions_module, "revision_record")

    answer = qa_services.answer_create(
        question=question, author=trusted(user_factory()), body="It fits."
    )

    assert len(calls) == 2
    assert Answer.objects.get().pk == answer.pk
    assert Question.objects.get(pk=question.pk).answer_count == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_that_stays_busy_gives_a_try_again_page_with_the_typed_answer(
    monkeypatch, user_factory, question_factory, client
):
    import qa.services.questions as questions_module

    question = question_factory(author=trusted(user_factory()))
    _always_locked(monkeypatch, questions_module, "revision_record")
    client.force_login(trusted(user_factory()))

    response = client.post(
        reverse("qa:answer-create", args=[question.pk]),
        {"body": "My carefully typed answer about the 28 cm lid"},
    )

    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "My carefully typed answer about the 28 cm lid</textarea>" in page
    assert "The site is very busy right now" in page
    assert not Answer.objects.exists()


def test_a_busy_error_outside_any_form_still_keeps_what_was_typed(
    monkeypatch, user_factory, topic_factory, client
):
    # Inside the test's own transaction the write is not tried again: the error reaches the
    # site's last line, which answers with every posted field.
    import forum.services as forum_module

    topic = topic_factory()
    _always_locked(monkeypatch, forum_module, "revision_record")
    client.force_login(trusted(user_factory()))

    response = client.post(
        reverse("forum:reply-create", args=[topic.pk]), {"body": "A reply I do not want to lose"}
    )

    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "A reply I do not want to lose</textarea>" in page
    assert f'action="{reverse("forum:reply-create", args=[topic.pk])}"' in page
    assert Post.objects.filter(topic=topic).count() == 1


def test_other_database_errors_are_not_taken_for_a_busy_database():
    assert is_database_busy(OperationalError("database is locked"))
    assert is_database_busy(DatabaseBusy())
    assert not is_database_busy(OperationalError("no such table: qa_answer"))
    assert not is_database_busy(ValueError("database is locked"))


def _connection_lost(monkeypatch, module, name):
    def lost(*args, **kwargs):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr(module, name, lost)


def test_a_lost_database_connection_gives_a_try_again_page_with_the_typed_reply(
    monkeypatch, user_factory, topic_factory, client
):
    import forum.services as forum_module

    topic = topic_factory()
    _connection_lost(monkeypatch, forum_module, "revision_record")
    client.force_login(trusted(user_factory()))

    response = client.post(
        reverse("forum:reply-create", args=[topic.pk]),
        {"body": "Typed while the database restarts"},
    )

    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "Typed while the database restarts</textarea>" in page
    assert "Please send it again in a few seconds" in page


def test_a_database_lost_before_a_visitors_kept_page_is_looked_up_gives_a_try_again_page(
    monkeypatch, question_factory, client
):
    import community.common.page_cache as page_cache_module

    question = question_factory()
    _connection_lost(monkeypatch, page_cache_module, "current_generation")

    response = client.get(question.get_absolute_url())

    assert response.status_code == 503
    assert response["Retry-After"]


def test_a_database_lost_while_a_members_product_page_is_routed_gives_a_try_again_page(
    monkeypatch, customer, product_factory, client
):
    import cms.member_parts as routing_module

    product = product_factory()
    _connection_lost(monkeypatch, routing_module, "kept_read")
    client.force_login(customer)

    response = client.get(product.url)

    assert response.status_code == 503
    assert response["Retry-After"]


def test_when_the_page_frame_cannot_reach_the_database_the_typed_text_still_comes_back(
    monkeypatch, user_factory, topic_factory, client
):
    import community.common.context_processors as frame_module
    import forum.services as forum_module

    topic = topic_factory()
    _connection_lost(monkeypatch, forum_module, "revision_record")
    _connection_lost(monkeypatch, frame_module, "section_links")
    client.force_login(trusted(user_factory()))

    response = client.post(
        reverse("forum:reply-create", args=[topic.pk]),
        {"body": "Typed while the database restarts"},
    )

    page = response.content.decode()
    assert response.status_code == 503
    assert "Typed while the database restarts</textarea>" in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert "<header" not in page  # the page without the site's frame


def test_lost_and_refused_connections_count_as_an_unavailable_database():
    import psycopg

    def wrapped(cause):
        error = OperationalError(str(cause))
        error.__cause__ = cause
        return error

    admin_shutdown = psycopg.errors.AdminShutdown("terminating connection")
    assert is_database_unavailable(InterfaceError("connection already closed"))
    assert is_database_unavailable(
        wrapped(psycopg.OperationalError("server closed the connection"))
    )
    assert is_database_unavailable(wrapped(admin_shutdown))
    assert not is_database_unavailable(OperationalError("no such table: qa_answer"))
    assert not is_database_unavailable(wrapped(psycopg.errors.UndefinedTable("no table")))
    assert not is_database_unavailable(OperationalError("database is locked"))


def test_the_try_again_page_never_writes_a_password_back(monkeypatch, user_factory, client):
    # A database restart while a member signs in: their name comes back, their password not.
    from allauth.account.forms import LoginForm
    from django.db import InterfaceError

    def lost_connection(self):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr(LoginForm, "clean", lost_connection)
    user_factory(username="anna")

    response = client.post(
        "/accounts/login/", {"login": "anna", "password": "my-secret-passphrase-42"}
    )

    page = response.content.decode()
    assert response.status_code == 503
    assert "anna</textarea>" in page
    assert "my-secret-passphrase-42" not in page
    assert "no-store" in response["Cache-Control"]
