import pytest

from qa.models import Question

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_sign_in_to_ask(client):
    response = client.get("/questions/ask/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_customer_asks_a_question_and_lands_on_its_page(
    customer_client, customer, tags, product_factory
):
    product = product_factory(title="Cast iron pan")
    response = customer_client.post(
        "/questions/ask/",
        {
            "title": "Does the pan work on induction?",
            "body": "I have a **Bosch** hob.",
            "phase": "before",
            "product": product.pk,
            "tags": ["sizing"],
        },
    )
    question = Question.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/questions/{question.pk}/does-the-pan-work-on-induction/"
    page = customer_client.get(response["Location"]).content.decode()
    assert "Does the pan work on induction?" in page
    assert "<strong>Bosch</strong>" in page
    assert "Cast iron pan" in page
    assert "Sizing" in page
    assert question.author == customer


def test_asking_with_bad_input_explains_and_keeps_the_text(customer_client):
    response = customer_client.post(
        "/questions/ask/",
        {"title": "Short?", "body": "My long details stay here.", "phase": "later"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ensure this value has at least 10 characters" in html
    assert "Select a valid choice" in html
    assert "My long details stay here." in html
    assert 'value="Short?"' in html
    assert not Question.objects.exists()


def test_customers_only_choose_tags_staff_made(customer_client, tags):
    response = customer_client.post(
        "/questions/ask/",
        {"title": "How do I clean the lid properly?", "phase": "after", "tags": ["made-up-tag"]},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Question.objects.exists()


def test_product_page_link_prefills_the_product(customer_client, product_factory):
    product = product_factory(title="Camping stove")
    html = customer_client.get(f"/questions/ask/?product={product.pk}").content.decode()
    assert f'<option value="{product.pk}" selected>' in html


def test_old_slug_redirects_permanently_to_the_current_one(client, question_factory):
    question = question_factory(title="Is the kettle loud when boiling?")
    response = client.get(f"/questions/{question.pk}/an-old-title/")
    assert response.status_code == 301
    assert response["Location"] == question.get_absolute_url()
    assert client.get(f"/questions/{question.pk}/").status_code == 301


def test_unknown_question_is_a_404(client, db):
    assert client.get("/questions/999/anything/").status_code == 404


def test_a_held_question_does_not_invite_answers_it_cannot_take(client, question_factory):
    from community.moderation.enums import ContentStatus
    from qa.models import Question

    question = question_factory()
    Question.objects.filter(pk=question.pk).update(status=ContentStatus.PENDING)
    client.force_login(question.author)
    html = client.get(question.get_absolute_url()).content.decode()
    assert "No answers yet." in html
    assert "Help out below" not in html


def test_deleting_ones_own_question_asks_first(client, question_factory):
    question = question_factory()
    client.force_login(question.author)
    html = client.get(question.get_absolute_url()).content.decode()
    delete_form = html.split(f'action="/questions/{question.pk}/delete/"')[1].split("</form>")[0]
    assert 'data-confirm="Delete this? Only the moderators can bring it back."' in delete_form
