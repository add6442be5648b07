import pytest

from community.moderation.services import content_hide
from community.revisions.models import Revision
from qa import services
from qa.models import Answer, Question

pytestmark = pytest.mark.django_db


def _edit_question(client, question, **changes):
    data = {"title": question.title, "body": question.body, "phase": question.phase}
    data.update(changes)
    return client.post(f"/questions/{question.pk}/edit/", data)


def _revisions(item) -> int:
    return Revision.objects.filter(
        target_id=item.pk, target_type__model=type(item)._meta.model_name
    ).count()


@pytest.fixture
def own_question(customer, question_factory):
    return question_factory(
        author=customer, title="Does the lid fit the pan?", body="First line.\nSecond line."
    )


def test_author_sees_the_edit_form_with_the_current_text(customer_client, own_question):
    response = customer_client.get(f"/questions/{own_question.pk}/edit/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Does the lid fit the pan?"' in html
    assert "First line.\nSecond line.</textarea>" in html


def test_author_edits_the_question_and_the_slug_follows_the_title(customer_client, own_question):
    old_url = own_question.get_absolute_url()

    response = _edit_question(
        customer_client, own_question, title="Does the glass lid fit the 28 cm pan?"
    )

    question = Question.objects.get(pk=own_question.pk)
    assert response.status_code == 302
    assert response["Location"] == f"/questions/{question.pk}/does-the-glass-lid-fit-the-28-cm-pan/"
    assert question.edited_at is not None
    html = customer_client.get(response["Location"]).content.decode()
    assert "Does the glass lid fit the 28 cm pan?" in html
    assert "Your changes are saved." in html
    old = customer_client.get(old_url)
    assert old.status_code == 301
    assert old["Location"] == response["Location"]


def test_each_question_edit_adds_a_revision(customer_client, own_question):
    assert _revisions(own_question) == 1

    _edit_question(customer_client, own_question, body="First line.\nA new second line.")
    _edit_question(
        customer_client, Question.objects.get(pk=own_question.pk), title="Does the lid fit it?"
    )

    assert _revisions(own_question) == 3


def test_saving_without_changes_adds_no_revision(customer_client, own_question):
    _edit_question(customer_client, own_question)

    assert _revisions(own_question) == 1
    assert Question.objects.get(pk=own_question.pk).edited_at is None


def test_history_shows_the_original_and_the_changed_lines(customer_client, anonymous, own_question):
    _edit_question(customer_client, own_question, body="First line.\nA new second line.")

    response = anonymous.get(f"/questions/{own_question.pk}/history/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Original" in html
    assert "Edit 2" in html
    assert '<del><span class="visually-hidden">removed: </span>Second line.</del>' in html
    assert '<ins><span class="visually-hidden">added: </span>A new second line.</ins>' in html
    assert html.index("Edit 2") < html.index("Original")


def test_question_page_links_to_the_history_once_edited(customer_client, own_question):
    _edit_question(customer_client, own_question, body="Changed.")

    html = customer_client.get(own_question.get_absolute_url()).content.decode()

    assert f'href="/questions/{own_question.pk}/history/"' in html


def test_another_customer_cannot_edit_the_question(client, user_factory, own_question):
    client.force_login(user_factory())

    view = client.get(f"/questions/{own_question.pk}/edit/")
    post = _edit_question(client, own_question, title="Vandalised title for this one")

    assert view.status_code == 403
    assert post.status_code == 403
    assert Question.objects.get(pk=own_question.pk).title == "Does the lid fit the pan?"
    assert _revisions(own_question) == 1


def test_staff_cannot_edit_a_customers_question(client, staff_user, own_question):
    client.force_login(staff_user)

    assert client.get(f"/questions/{own_question.pk}/edit/").status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in_to_edit(client, own_question):
    response = _edit_question(client, own_question, title="Vandalised title for this one")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert Question.objects.get(pk=own_question.pk).title == "Does the lid fit the pan?"


def test_editing_with_bad_input_keeps_the_typed_text(customer_client, own_question):
    response = _edit_question(customer_client, own_question, title="Short?", body="My new details.")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ensure this value has at least 10 characters" in html
    assert 'value="Short?"' in html
    assert "My new details.</textarea>" in html
    question = Question.objects.get(pk=own_question.pk)
    assert question.title == "Does the lid fit the pan?"
    assert question.body == "First line.\nSecond line."


def test_question_without_details_can_be_asked_and_its_details_removed(
    customer_client, own_question
):
    asked = customer_client.post(
        "/questions/ask/", {"title": "How do I clean the lid properly?", "phase": "after"}
    )
    edited = _edit_question(customer_client, own_question, body="")

    assert asked.status_code == 302
    assert edited.status_code == 302
    assert Question.objects.get(pk=own_question.pk).body == ""
    assert _revisions(own_question) == 2


# SECTION answers


@pytest.fixture
def own_answer(customer, question_factory, answer_factory):
    return answer_factory(
        question=question_factory(), author=customer, body="It fits.\nI use it every day."
    )


def test_author_edits_their_answer(customer_client, own_answer):
    response = customer_client.post(
        f"/answers/{own_answer.pk}/edit/", {"body": "It fits.\nI use it twice a day."}
    )

    answer = Answer.objects.get(pk=own_answer.pk)
    assert response.status_code == 302
    assert response["Location"] == answer.get_absolute_url()
    assert answer.body == "It fits.\nI use it twice a day."
    assert answer.edited_at is not None
    assert _revisions(answer) == 2
    html = customer_client.get(answer.question.get_absolute_url()).content.decode()
    assert "I use it twice a day." in html
    assert f'href="/answers/{answer.pk}/history/"' in html


def test_answer_history_shows_the_changes(customer_client, anonymous, own_answer):
    customer_client.post(f"/answers/{own_answer.pk}/edit/", {"body": "It fits.\nI use it weekly."})

    html = anonymous.get(f"/answers/{own_answer.pk}/history/").content.decode()

    assert "Original" in html
    assert '<del><span class="visually-hidden">removed: </span>I use it every day.</del>' in html
    assert '<ins><span class="visually-hidden">added: </span>I use it weekly.</ins>' in html


def test_another_customer_cannot_edit_the_answer(client, user_factory, own_answer):
    client.force_login(user_factory())

    view = client.get(f"/answers/{own_answer.pk}/edit/")
    post = client.post(f"/answers/{own_answer.pk}/edit/", {"body": "Vandalised answer text."})

    assert view.status_code == 403
    assert post.status_code == 403
    assert Answer.objects.get(pk=own_answer.pk).body == "It fits.\nI use it every day."


def test_anonymous_visitor_is_sent_to_sign_in_to_edit_an_answer(client, own_answer):
    response = client.post(f"/answers/{own_answer.pk}/edit/", {"body": "Vandalised answer text."})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_editing_an_answer_with_bad_input_keeps_the_text(customer_client, own_answer):
    response = customer_client.post(f"/answers/{own_answer.pk}/edit/", {"body": "Short"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ensure this value has at least 10 characters" in html
    assert "Short</textarea>" in html
    assert Answer.objects.get(pk=own_answer.pk).body == "It fits.\nI use it every day."
    assert _revisions(own_answer) == 1


def test_hidden_answer_cannot_be_edited_by_its_author(customer_client, staff_user, own_answer):
    content_hide(item=own_answer, staff=staff_user, reason="Rude")

    response = customer_client.post(
        f"/answers/{own_answer.pk}/edit/", {"body": "A better, kinder answer."}
    )

    assert response.status_code == 403
    assert Answer.objects.get(pk=own_answer.pk).body == "It fits.\nI use it every day."


# SECTION deleting


def test_author_deletes_their_unanswered_question(
    customer_client, anonymous, staff_user, own_question
):
    response = customer_client.post(f"/questions/{own_question.pk}/delete/")

    assert response.status_code == 302
    assert response["Location"] == "/questions/"
    listing = customer_client.get("/questions/").content.decode()
    assert "Your question is deleted." in listing
    assert "Does the lid fit the pan?" not in listing
    assert anonymous.get(own_question.get_absolute_url()).status_code == 404
    own_page = customer_client.get(own_question.get_absolute_url())
    assert own_page.status_code == 200
    assert "Deleted by its author" in own_page.content.decode()
    anonymous.force_login(staff_user)
    assert anonymous.get(own_question.get_absolute_url()).status_code == 200


def test_deleted_question_is_a_404_for_other_members(client, user_factory, own_question, customer):
    services.question_delete(question=own_question, user=customer)
    client.force_login(user_factory())

    assert client.get(own_question.get_absolute_url()).status_code == 404
    assert client.get(f"/questions/{own_question.pk}/history/").status_code == 404


def test_answered_question_cannot_be_deleted_by_its_author(
    customer_client, own_question, answer_factory
):
    answer_factory(question=own_question)

    response = customer_client.post(f"/questions/{own_question.pk}/delete/")

    assert response.status_code == 403
    assert "cannot be deleted" in response.content.decode()
    assert Question.objects.get(pk=own_question.pk).status == "published"
    page = customer_client.get(own_question.get_absolute_url()).content.decode()
    assert f'action="/questions/{own_question.pk}/delete/"' not in page


def test_another_customer_cannot_delete_a_question(client, user_factory, own_question):
    client.force_login(user_factory())

    response = client.post(f"/questions/{own_question.pk}/delete/")

    assert response.status_code == 403
    assert Question.objects.get(pk=own_question.pk).status == "published"


def test_anonymous_visitor_cannot_delete_a_question(client, own_question):
    response = client.post(f"/questions/{own_question.pk}/delete/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert Question.objects.get(pk=own_question.pk).status == "published"


def test_deleting_an_answer_decrements_the_count(customer_client, anonymous, own_answer):
    question = own_answer.question

    response = customer_client.post(f"/answers/{own_answer.pk}/delete/")

    assert response.status_code == 302
    assert Question.objects.get(pk=question.pk).answer_count == 0
    html = anonymous.get(question.get_absolute_url()).content.decode()
    assert "0 answers" in html
    assert "I use it every day." not in html


def test_deleting_an_answer_twice_counts_once(customer_client, own_answer, answer_factory):
    question = own_answer.question
    answer_factory(question=question)

    customer_client.post(f"/answers/{own_answer.pk}/delete/")
    second = customer_client.post(f"/answers/{own_answer.pk}/delete/")

    assert second.status_code == 403
    assert Question.objects.get(pk=question.pk).answer_count == 1


def test_another_customer_cannot_delete_an_answer(client, user_factory, own_answer):
    client.force_login(user_factory())

    response = client.post(f"/answers/{own_answer.pk}/delete/")

    assert response.status_code == 403
    assert Answer.objects.get(pk=own_answer.pk).status == "published"
    assert Question.objects.get(pk=own_answer.question_id).answer_count == 1


def test_staff_restore_brings_a_deleted_answer_back(client, customer, staff_user, own_answer):
    question = own_answer.question
    services.answer_delete(answer=own_answer, user=customer)
    client.force_login(staff_user)

    response = client.post(
        "/moderation/decide/", {"item": f"answer:{own_answer.pk}", "action": "restore"}
    )

    assert response.status_code == 302
    assert Answer.objects.get(pk=own_answer.pk).status == "published"
    assert Question.objects.get(pk=question.pk).answer_count == 1
    client.logout()
    html = client.get(question.get_absolute_url()).content.decode()
    assert "I use it every day." in html
    assert "1 answer" in html


def test_staff_restore_brings_a_deleted_question_back(client, customer, staff_user, own_question):
    services.question_delete(question=own_question, user=customer)
    client.force_login(staff_user)

    client.post("/moderation/decide/", {"item": f"question:{own_question.pk}", "action": "restore"})

    client.logout()
    assert client.get(own_question.get_absolute_url()).status_code == 200
    assert "Does the lid fit the pan?" in client.get("/questions/").content.decode()


def test_editing_keeps_and_changes_the_tags(customer_client, customer, question_factory, tags):
    question = question_factory(author=customer, tags=["Sizing"])

    form = customer_client.get(f"/questions/{question.pk}/edit/").content.decode()
    _edit_question(customer_client, question, tags=["sizing", "cleaning"])

    assert "checked" in form.split('value="sizing"')[1].split(">")[0]
    assert "checked" not in form.split('value="cleaning"')[1].split(">")[0]
    assert sorted(Question.objects.get(pk=question.pk).tags.names()) == ["Cleaning", "Sizing"]
