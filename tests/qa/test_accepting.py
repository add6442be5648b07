import pytest

from community.moderation.enums import AuditAction
from community.moderation.models import AuditLogEntry
from community.moderation.services import content_hide, content_restore
from qa import services
from qa.models import Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(customer, question_factory, answer_factory):
    """The customer's question with two answers by others."""
    question = question_factory(author=customer)
    first = answer_factory(question=question, body="The first answer, a good one.")
    second = answer_factory(question=question, body="The second answer, even better.")
    return question, first, second


def _accept(client, answer):
    return client.post(f"/answers/{answer.pk}/accept/")


def _official(client, answer):
    return client.post(f"/answers/{answer.pk}/official/")


def _question(question) -> Question:
    return Question.objects.get(pk=question.pk)


def test_asker_accepts_an_answer(customer_client, asked):
    question, first, _ = asked

    response = _accept(customer_client, first)

    assert response.status_code == 302
    assert response["Location"] == f"{question.get_absolute_url()}#answer-{first.pk}"
    assert _question(question).accepted_answer == first
    html = customer_client.get(question.get_absolute_url()).content.decode()
    assert "You accepted this answer." in html
    assert "Accepted by the asker" in html
    assert not AuditLogEntry.objects.exists()


def test_asker_changes_the_accepted_answer(customer_client, asked):
    question, first, second = asked

    _accept(customer_client, first)
    _accept(customer_client, second)

    assert _question(question).accepted_answer == second


def test_asker_un_accepts_the_answer(customer_client, asked):
    question, first, _ = asked
    _accept(customer_client, first)

    _accept(customer_client, first)

    assert _question(question).accepted_answer is None
    html = customer_client.get(question.get_absolute_url()).content.decode()
    assert "The answer is no longer accepted." in html
    assert "Accepted by the asker" not in html


def test_accepted_answer_moves_first(customer_client, asked):
    question, first, second = asked
    services.vote_cast(voter=first.author, item=second, value=1)

    _accept(customer_client, first)

    html = customer_client.get(question.get_absolute_url()).content.decode()
    assert html.index(f'id="answer-{first.pk}"') < html.index(f'id="answer-{second.pk}"')


def test_another_customer_cannot_accept(client, user_factory, asked):
    question, first, _ = asked
    client.force_login(user_factory())

    response = _accept(client, first)

    assert response.status_code == 403
    assert "Only the person who asked, or staff, can accept an answer." in response.content.decode()
    assert _question(question).accepted_answer is None


def test_anonymous_visitor_is_sent_to_sign_in_to_accept(client, asked):
    question, first, _ = asked

    response = _accept(client, first)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert _question(question).accepted_answer is None


def test_accepting_a_hidden_answer_is_refused(customer_client, staff_user, asked):
    question, first, _ = asked
    content_hide(item=first, staff=staff_user, reason="Spam")

    response = _accept(customer_client, first)

    assert response.status_code == 403
    assert _question(question).accepted_answer is None


def test_only_the_asker_and_staff_see_the_accept_button(client, user_factory, customer, asked):
    question, first, _ = asked
    client.force_login(user_factory())
    others_view = client.get(question.get_absolute_url()).content.decode()
    client.force_login(customer)
    askers_view = client.get(question.get_absolute_url()).content.decode()

    assert f'action="/answers/{first.pk}/accept/"' not in others_view
    assert f'action="/answers/{first.pk}/accept/"' in askers_view


def test_staff_accepts_on_behalf_of_the_asker_and_it_is_logged(client, staff_user, asked):
    question, first, _ = asked
    client.force_login(staff_user)

    response = _accept(client, first)

    assert response.status_code == 302
    assert _question(question).accepted_answer == first
    entry = AuditLogEntry.objects.get()
    assert entry.actor == staff_user
    assert entry.action == AuditAction.ACCEPT_ON_BEHALF
    assert entry.target == first


def test_staff_marks_an_answer_official_and_it_is_logged(client, staff_user, asked):
    question, first, _ = asked
    client.force_login(staff_user)

    response = _official(client, first)

    assert response.status_code == 302
    assert _question(question).official_answer == first
    html = client.get(question.get_absolute_url()).content.decode()
    assert "This is now the official answer." in html
    assert "Official answer" in html
    entry = AuditLogEntry.objects.get()
    assert (entry.actor, entry.action, entry.target) == (
        staff_user,
        AuditAction.MARK_OFFICIAL,
        first,
    )


def test_staff_removes_the_official_mark(client, staff_user, asked):
    question, first, _ = asked
    client.force_login(staff_user)
    _official(client, first)

    _official(client, first)

    assert _question(question).official_answer is None
    assert list(AuditLogEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        AuditAction.MARK_OFFICIAL,
        AuditAction.UNMARK_OFFICIAL,
    ]
    html = client.get(question.get_absolute_url()).content.decode()
    assert "badge--official" not in html


def test_customer_cannot_mark_an_answer_official(customer_client, asked):
    question, first, _ = asked

    response = _official(customer_client, first)

    assert response.status_code == 403
    assert "Only the shop&#x27;s staff can do this." in response.content.decode()
    assert _question(question).official_answer is None
    assert not AuditLogEntry.objects.exists()


def test_staff_cannot_mark_a_hidden_answer_official(client, staff_user, asked):
    question, first, _ = asked
    content_hide(item=first, staff=staff_user, reason="Spam")
    client.force_login(staff_user)

    response = _official(client, first)

    assert response.status_code == 403
    assert _question(question).official_answer is None


def test_official_and_accepted_badges_show_on_the_question_page_and_in_the_list(
    client, customer, staff_user, asked
):
    question, first, second = asked
    services.answer_accept(answer=first, user=customer)
    services.answer_mark_official(answer=second, staff=staff_user)

    page = client.get(question.get_absolute_url()).content.decode()
    listing = client.get("/questions/").content.decode()

    first_block = page.split(f'id="answer-{first.pk}"')[1].split("</article>")[0]
    second_block = page.split(f'id="answer-{second.pk}"')[1].split("</article>")[0]
    assert "Accepted by the asker" in first_block
    assert "Official answer" not in first_block
    assert "Official answer" in second_block
    assert "Accepted by the asker" not in second_block
    assert 'class="badge badge--official">Official answer<' in listing
    assert 'class="badge badge--accepted">Accepted answer<' in listing


def test_questions_without_accepted_or_official_answers_show_no_badges(client, asked):
    listing = client.get("/questions/").content.decode()

    assert "badge--official" not in listing
    assert "badge--accepted" not in listing


def test_hidden_accepted_or_official_answer_no_longer_marks_the_question_solved(
    client, customer, staff_user, asked
):
    question, first, second = asked
    services.answer_accept(answer=first, user=customer)
    services.answer_mark_official(answer=second, staff=staff_user)
    content_hide(item=first, staff=staff_user, reason="Dangerous advice")
    services.answer_delete(answer=second, user=second.author)

    listing = client.get("/questions/").content.decode()
    page = client.get(question.get_absolute_url()).content.decode()

    for html in (listing, page):
        assert "badge--official" not in html
        assert "badge--accepted" not in html
    assert "stat--solved" not in listing


def test_restored_accepted_answer_is_accepted_again(client, customer, staff_user, asked):
    question, first, _ = asked
    services.answer_accept(answer=first, user=customer)
    content_hide(item=first, staff=staff_user, reason="By mistake")
    content_restore(item=first, staff=staff_user)

    listing = client.get("/questions/").content.decode()

    assert 'class="badge badge--accepted">Accepted answer<' in listing
