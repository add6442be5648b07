import pytest

from community.moderation.enums import AuditAction
from community.moderation.models import AuditLogEntry
from community.moderation.services import content_hide
from qa import services
from qa.models import Answer, Comment, Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def thread(customer, user_factory, question_factory, answer_factory):
    """A customer's question with an answer and a comment by other members."""
    question = question_factory(author=customer, title="Can I wash the lid in the dishwasher?")
    answer = answer_factory(question=question, body="Yes, on the top rack it is fine.")
    comment = services.comment_create(
        question=question, answer=answer, author=user_factory(), body="Mine went cloudy."
    )
    return question, answer, comment


def _actions() -> list[str]:
    return list(AuditLogEntry.objects.order_by("pk").values_list("action", flat=True))


DECIDE = "/moderation/decide/"


def _decide(client, kind, item, action, **data):
    """What a staff tool on the item's page posts to the one moderation endpoint."""
    return client.post(DECIDE, {"item": f"{kind}:{item.pk}", "action": action, **data})


def _hide(client, kind, item, reason="Breaks the house rules"):
    return _decide(client, kind, item, "hide", reason=reason)


def _restore(client, kind, item):
    return _decide(client, kind, item, "restore")


# SECTION hide and restore


def test_staff_hides_a_question_and_the_author_sees_why(
    staff_client, anonymous, customer, staff_user, thread
):
    question, _, _ = thread

    response = _hide(staff_client, "question", question, "Please ask about one product at a time")

    assert response.status_code == 302
    assert Question.objects.get(pk=question.pk).status == "hidden"
    assert anonymous.get(question.get_absolute_url()).status_code == 404
    assert "Can I wash the lid" not in anonymous.get("/questions/").content.decode()
    anonymous.force_login(customer)
    html = anonymous.get(question.get_absolute_url()).content.decode()
    assert "Hidden by staff" in html
    assert "Please ask about one product at a time" in html
    entry = AuditLogEntry.objects.get()
    assert (entry.actor, entry.action, entry.target, entry.reason) == (
        staff_user,
        AuditAction.HIDE,
        Question.objects.get(pk=question.pk),
        "Please ask about one product at a time",
    )


def test_hidden_question_is_a_404_for_other_members(staff_client, anonymous, user_factory, thread):
    question, _, _ = thread
    _hide(staff_client, "question", question)
    anonymous.force_login(user_factory())

    assert anonymous.get(question.get_absolute_url()).status_code == 404


def test_staff_restores_a_hidden_question(staff_client, anonymous, thread):
    question, _, _ = thread
    _hide(staff_client, "question", question)

    response = _restore(staff_client, "question", question)

    assert response.status_code == 302
    assert anonymous.get(question.get_absolute_url()).status_code == 200
    assert "Can I wash the lid" in anonymous.get("/questions/").content.decode()
    assert _actions() == [AuditAction.HIDE, AuditAction.RESTORE]


def test_staff_hides_an_answer_and_only_the_author_and_staff_see_it(
    staff_client, anonymous, thread
):
    question, answer, _ = thread

    _hide(staff_client, "answer", answer, "Not about this product")

    assert Question.objects.get(pk=question.pk).answer_count == 0
    public = anonymous.get(question.get_absolute_url()).content.decode()
    assert "Yes, on the top rack it is fine." not in public
    assert "0 answers" in public
    anonymous.force_login(answer.author)
    own = anonymous.get(question.get_absolute_url()).content.decode()
    assert "Yes, on the top rack it is fine." in own
    assert "Hidden by staff" in own
    assert "Not about this product" in own
    staff_view = staff_client.get(question.get_absolute_url()).content.decode()
    assert "Yes, on the top rack it is fine." in staff_view
    assert _actions() == [AuditAction.HIDE]


def test_staff_restores_a_hidden_answer(staff_client, anonymous, thread):
    question, answer, _ = thread
    _hide(staff_client, "answer", answer)

    _restore(staff_client, "answer", answer)

    assert Answer.objects.get(pk=answer.pk).status == "published"
    assert Question.objects.get(pk=question.pk).answer_count == 1
    assert (
        "Yes, on the top rack it is fine."
        in anonymous.get(question.get_absolute_url()).content.decode()
    )
    assert _actions() == [AuditAction.HIDE, AuditAction.RESTORE]


def test_hiding_twice_counts_once(staff_client, thread):
    question, answer, _ = thread

    _hide(staff_client, "answer", answer)
    _hide(staff_client, "answer", answer)
    _restore(staff_client, "answer", answer)
    _restore(staff_client, "answer", answer)

    assert Question.objects.get(pk=question.pk).answer_count == 1


def test_staff_hides_a_comment_and_the_author_sees_why(staff_client, anonymous, thread):
    question, answer, comment = thread

    _hide(staff_client, "comment", comment, "Personal details")

    assert Comment.objects.get(pk=comment.pk).status == "hidden"
    assert Answer.objects.get(pk=answer.pk).comment_count == 0
    assert "Mine went cloudy." not in anonymous.get(question.get_absolute_url()).content.decode()
    anonymous.force_login(comment.author)
    own = anonymous.get(question.get_absolute_url()).content.decode()
    assert "Mine went cloudy." in own
    assert "Personal details" in own
    assert _actions() == [AuditAction.HIDE]


def test_staff_restores_a_hidden_comment(staff_client, anonymous, thread):
    question, answer, comment = thread
    _hide(staff_client, "comment", comment)

    _restore(staff_client, "comment", comment)

    assert Answer.objects.get(pk=answer.pk).comment_count == 1
    assert "Mine went cloudy." in anonymous.get(question.get_absolute_url()).content.decode()
    assert _actions() == [AuditAction.HIDE, AuditAction.RESTORE]


@pytest.mark.parametrize("kind", ["question", "answer", "comment"])
@pytest.mark.parametrize("action", ["hide", "restore"])
def test_customer_cannot_hide_or_restore(customer_client, thread, kind, action):
    item = dict(zip(("question", "answer", "comment"), thread, strict=True))[kind]

    response = _decide(customer_client, kind, item, action, reason="x")

    assert response.status_code == 403
    assert type(item).objects.get(pk=item.pk).status == "published"
    assert not AuditLogEntry.objects.exists()


def test_anonymous_visitor_cannot_moderate(anonymous, thread):
    question, _, _ = thread

    response = _hide(anonymous, "question", question)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert Question.objects.get(pk=question.pk).status == "published"


def test_moderating_an_unknown_kind_is_a_404(staff_client, thread):
    question, _, _ = thread

    assert _decide(staff_client, "user", question, "hide", reason="x").status_code == 404
    assert _decide(staff_client, "question", question, "publish").status_code == 404
    assert _decide(staff_client, "question", question, "warn", reason="x").status_code == 404


def test_staff_see_the_staff_tools_and_customers_do_not(staff_client, anonymous, customer, thread):
    question, _, _ = thread
    anonymous.force_login(customer)

    assert "Staff tools" in staff_client.get(question.get_absolute_url()).content.decode()
    assert "Staff tools" not in anonymous.get(question.get_absolute_url()).content.decode()


# SECTION lock and unlock


def test_staff_locks_and_unlocks_a_question(staff_client, anonymous, staff_user, thread):
    question, _, _ = thread

    locked = staff_client.post(f"/questions/{question.pk}/lock/", {"locked": "1"})

    assert locked.status_code == 302
    assert Question.objects.get(pk=question.pk).is_locked
    html = anonymous.get(question.get_absolute_url()).content.decode()
    assert "This question is locked" in html

    staff_client.post(f"/questions/{question.pk}/lock/", {"locked": "0"})

    assert not Question.objects.get(pk=question.pk).is_locked
    assert (
        "This question is locked" not in anonymous.get(question.get_absolute_url()).content.decode()
    )
    assert _actions() == [AuditAction.LOCK, AuditAction.UNLOCK]
    assert {e.actor for e in AuditLogEntry.objects.all()} == {staff_user}


def test_customer_cannot_lock_a_question(customer_client, thread):
    question, _, _ = thread

    response = customer_client.post(f"/questions/{question.pk}/lock/", {"locked": "1"})

    assert response.status_code == 403
    assert not Question.objects.get(pk=question.pk).is_locked
    assert not AuditLogEntry.objects.exists()


# SECTION duplicates


def test_staff_closes_a_question_as_a_duplicate(staff_client, anonymous, question_factory, thread):
    question, _, _ = thread
    original = question_factory(title="Is the lid dishwasher safe?")

    response = staff_client.post(f"/questions/{question.pk}/close/", {"original": original.pk})

    assert response.status_code == 302
    assert Question.objects.get(pk=question.pk).duplicate_of == original
    html = anonymous.get(question.get_absolute_url()).content.decode()
    assert "This question was closed as a duplicate." in html
    assert f'<a href="{original.get_absolute_url()}">Is the lid dishwasher safe?</a>' in html
    entry = AuditLogEntry.objects.get()
    assert (entry.action, entry.target) == (
        AuditAction.CLOSE_DUPLICATE,
        Question.objects.get(pk=question.pk),
    )


def test_staff_reopens_a_duplicate(staff_client, anonymous, question_factory, thread):
    question, _, _ = thread
    original = question_factory(title="Is the lid dishwasher safe?")
    staff_client.post(f"/questions/{question.pk}/close/", {"original": original.pk})

    response = staff_client.post(f"/questions/{question.pk}/reopen/")

    assert response.status_code == 302
    assert Question.objects.get(pk=question.pk).duplicate_of is None
    html = anonymous.get(question.get_absolute_url()).content.decode()
    assert "closed as a duplicate" not in html
    assert _actions() == [AuditAction.CLOSE_DUPLICATE, AuditAction.REOPEN]


def test_closing_a_question_as_a_duplicate_of_itself_is_refused(staff_client, thread):
    question, _, _ = thread

    response = staff_client.post(f"/questions/{question.pk}/close/", {"original": question.pk})

    assert Question.objects.get(pk=question.pk).duplicate_of is None
    html = staff_client.get(response["Location"]).content.decode()
    assert "A question cannot be a duplicate of itself." in html
    assert not AuditLogEntry.objects.exists()


def test_closing_as_a_duplicate_of_its_own_duplicate_is_refused(
    staff_client, question_factory, thread
):
    question, _, _ = thread
    other = question_factory()
    staff_client.post(f"/questions/{other.pk}/close/", {"original": question.pk})

    response = staff_client.post(f"/questions/{question.pk}/close/", {"original": other.pk})

    assert Question.objects.get(pk=question.pk).duplicate_of is None
    assert "cannot be a duplicate" in staff_client.get(response["Location"]).content.decode()


def test_closing_as_a_duplicate_of_an_unknown_question_is_refused(staff_client, thread):
    question, _, _ = thread

    response = staff_client.post(f"/questions/{question.pk}/close/", {"original": 9999})

    assert Question.objects.get(pk=question.pk).duplicate_of is None
    html = staff_client.get(response["Location"]).content.decode()
    assert "There is no question with that number." in html


def test_closing_as_a_duplicate_of_a_hidden_question_is_refused(
    staff_client, staff_user, question_factory, thread
):
    question, _, _ = thread
    original = question_factory()
    content_hide(item=original, staff=staff_user, reason="Spam")

    response = staff_client.post(f"/questions/{question.pk}/close/", {"original": original.pk})

    assert Question.objects.get(pk=question.pk).duplicate_of is None
    html = staff_client.get(response["Location"]).content.decode()
    assert "The original question must be public." in html


def test_customer_cannot_close_or_reopen(customer_client, staff_user, question_factory, thread):
    question, _, _ = thread
    original = question_factory()

    closed = customer_client.post(f"/questions/{question.pk}/close/", {"original": original.pk})
    services.question_close_as_duplicate(question=question, original=original, staff=staff_user)
    reopened = customer_client.post(f"/questions/{question.pk}/reopen/")

    assert closed.status_code == 403
    assert reopened.status_code == 403
    assert Question.objects.get(pk=question.pk).duplicate_of == original
    assert _actions() == [AuditAction.CLOSE_DUPLICATE]


# SECTION official


def test_every_staff_action_writes_an_audit_log_entry(
    staff_client, staff_user, customer, question_factory, thread
):
    question, answer, comment = thread
    original = question_factory()

    _hide(staff_client, "comment", comment, "Rude")
    _restore(staff_client, "comment", comment)
    staff_client.post(f"/answers/{answer.pk}/official/")
    staff_client.post(f"/answers/{answer.pk}/official/")
    staff_client.post(f"/answers/{answer.pk}/accept/")
    staff_client.post(f"/questions/{question.pk}/lock/", {"locked": "1"})
    staff_client.post(f"/questions/{question.pk}/lock/", {"locked": "0"})
    staff_client.post(f"/questions/{question.pk}/close/", {"original": original.pk})
    staff_client.post(f"/questions/{question.pk}/reopen/")

    assert _actions() == [
        AuditAction.HIDE,
        AuditAction.RESTORE,
        AuditAction.MARK_OFFICIAL,
        AuditAction.UNMARK_OFFICIAL,
        AuditAction.ACCEPT_ON_BEHALF,
        AuditAction.LOCK,
        AuditAction.UNLOCK,
        AuditAction.CLOSE_DUPLICATE,
        AuditAction.REOPEN,
    ]
    assert set(AuditLogEntry.objects.values_list("actor", flat=True)) == {staff_user.pk}
