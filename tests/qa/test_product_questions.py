import pytest

from community.moderation.services import content_hide
from qa import services

pytestmark = pytest.mark.django_db


def test_product_page_shows_its_questions_with_the_best_answer_inline(
    client, question_factory, answer_factory, staff_user, product_factory
):
    product = product_factory(title="Dutch oven")
    question = question_factory(title="Can the lid go in the oven at 250 °C?", product=product)
    answer = answer_factory(
        question=question, author=staff_user, body="Yes, the lid knob is rated to 260 °C."
    )
    services.answer_mark_official(answer=answer, staff=staff_user)
    question_factory(title="Is this question about something else entirely?")  # no product

    html = client.get(product.url).content.decode()
    assert "Can the lid go in the oven at 250 °C?" in html
    assert "the lid knob is rated to 260 °C" in html
    assert "Official answer" in html
    assert "something else entirely" not in html
    assert f"/questions/?product={product.pk}" in html


def test_most_useful_questions_come_first_on_the_product_page(
    client, question_factory, user_factory, product_factory
):
    product = product_factory()
    quiet = question_factory(title="A question nobody found useful yet?", product=product)
    popular = question_factory(title="The question everybody wants answered?", product=product)
    for _ in range(3):
        services.vote_cast(voter=user_factory(), item=popular, value=1)
    html = client.get(product.url).content.decode()
    assert html.index(popular.title) < html.index(quiet.title)


def test_hidden_questions_stay_off_the_product_page(
    client, question_factory, staff_user, product_factory
):
    product = product_factory()
    question = question_factory(title="Where can I buy spare parts cheaply?", product=product)
    content_hide(item=question, staff=staff_user, reason="Spam")
    assert question.title not in client.get(product.url).content.decode()


def test_product_page_asks_with_the_product_filled_in(customer_client, product_factory):
    product = product_factory(title="Camping kettle")
    html = customer_client.get(product.url).content.decode()
    assert f'<input type="hidden" name="product" value="{product.pk}">' in html
    response = customer_client.post(
        "/questions/ask/",
        {
            "title": "How long does it take to boil a litre?",
            "phase": "before",
            "product": product.pk,
        },
    )
    assert response.status_code == 302
    assert (
        "How long does it take to boil a litre?"
        in customer_client.get(product.url).content.decode()
    )


def test_anonymous_visitor_is_invited_to_sign_in_to_ask(client, product_factory):
    product = product_factory()
    html = client.get(product.url).content.decode()
    assert "Sign in to ask" in html


@pytest.mark.slow
def test_product_page_queries_stay_fixed_however_many_questions(
    client,
    question_factory,
    answer_factory,
    staff_user,
    django_assert_max_num_queries,
    product_factory,
):
    product = product_factory()

    def render():
        # 17 with the visitor page generation, read before the page is made (page_cache.py);
        # 19 with the active language's locale (the tree the page is routed in) and the site
        # root's translations (its address in each language, until Wagtail caches them).
        with django_assert_max_num_queries(19):
            assert client.get(product.url).status_code == 200

    question = question_factory(product=product)
    services.answer_accept(answer=answer_factory(question=question), user=question.author)
    render()
    for _ in range(10):
        q = question_factory(product=product)
        services.answer_mark_official(answer=answer_factory(question=q), staff=staff_user)
    render()


def test_asking_from_the_product_page_takes_the_details_too(customer_client, product_factory):
    product = product_factory(title="Camping kettle")
    html = customer_client.get(product.url).content.decode()
    assert 'name="body"' in html.split('id="product-ask-title"')[1].split("</form>")[0]
    customer_client.post(
        "/questions/ask/",
        {
            "title": "How long does it take to boil a litre?",
            "body": "On a small gas burner, at 1,500 metres.",
            "phase": "before",
            "product": product.pk,
        },
    )
    from qa.models import Question

    assert Question.objects.get().body == "On a small gas burner, at 1,500 metres."
