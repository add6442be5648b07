import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from cms.enums import Layer
from cms.models import ArticlePage, ArticleProvenance
from community.common.buying_phase import Phase
from community.moderation.enums import AuditAction
from community.moderation.models import AuditLogEntry
from qa import services as qa_services
from qa.promotion import article_promote_from_answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(user_factory, tags, product_factory):
    product = product_factory(title="Kettle")
    question = qa_services.question_create(
        author=user_factory(),
        title="My kettle shows E1, what now?",
        body="It beeps.",
        phase=Phase.AFTER_PURCHASE,
        product=product,
        tags=tags,
    )
    return question


@pytest.fixture
def tags(db):
    from taggit.models import Tag

    return [Tag.objects.create(name="Cleaning", slug="cleaning")]


@pytest.fixture
def answer(question, user_factory):
    author = user_factory(username="helper", display_name="Helpful Hanna")
    return qa_services.answer_create(
        question=question, author=author, body="Fill it with **water** and wait ten minutes."
    )


def _promote(client, answer):
    return client.post(reverse("qa:answer-promote", args=[answer.pk]))


def test_staff_promote_an_answer_into_a_draft_in_the_right_section(
    client, staff_user, knowledge_base, question, answer
):
    client.force_login(staff_user)
    response = _promote(client, answer)

    article = ArticlePage.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert not article.live and article.has_unpublished_changes
    assert article.get_latest_revision() is not None
    assert article.get_parent().specific.layer == Layer.AFTER_BUYING
    assert article.title == question.title
    assert "<b>water</b>" in str(article.body[0].value) or "water" in str(article.body[0].value)
    assert list(article.products.all()) == [question.product]
    assert [t.name for t in article.tags.all()] == ["Cleaning"]
    provenance = ArticleProvenance.objects.get()
    assert (provenance.article, provenance.question, provenance.answer) == (
        article,
        question,
        answer,
    )
    assert provenance.community_author == answer.author
    assert provenance.credit_name == "Helpful Hanna"
    assert provenance.created_by == staff_user
    entry = AuditLogEntry.objects.get(action=AuditAction.PROMOTE)
    assert entry.actor == staff_user and entry.target == answer


def test_before_buying_questions_go_to_the_before_buying_section(
    staff_user, knowledge_base, question, answer
):
    question.phase = Phase.BEFORE_PURCHASE
    question.save()
    article = article_promote_from_answer(answer=answer, staff=staff_user)
    assert article.get_parent().specific.layer == Layer.BEFORE_BUYING


def test_promoting_the_same_answer_twice_opens_the_existing_draft(
    client, staff_user, knowledge_base, answer
):
    client.force_login(staff_user)
    first = _promote(client, answer)
    second = _promote(client, answer)
    assert first.url == second.url
    assert ArticlePage.objects.count() == 1
    assert ArticleProvenance.objects.count() == 1


def test_customers_cannot_promote(client, customer, knowledge_base, answer):
    client.force_login(customer)
    assert _promote(client, answer).status_code == 403
    assert not ArticlePage.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, knowledge_base, answer):
    response = _promote(client, answer)
    assert response.status_code == 302 and "login" in response.url
    assert not ArticlePage.objects.exists()


def test_staff_see_the_promote_button_and_customers_do_not(
    client, staff_user, customer, knowledge_base, question, answer
):
    promote_url = reverse("qa:answer-promote", args=[answer.pk])
    client.force_login(customer)
    assert promote_url not in client.get(question.get_absolute_url()).content.decode()
    client.force_login(staff_user)
    assert promote_url in client.get(question.get_absolute_url()).content.decode()


def _publish(article, user):
    article.get_latest_revision_as_object().save_revision(user=user).publish()
    article.refresh_from_db()
    return article


def test_published_article_credits_the_author_and_links_back(
    client, staff_user, knowledge_base, question, answer
):
    article = _publish(article_promote_from_answer(answer=answer, staff=staff_user), staff_user)
    html = client.get(article.url).content.decode()
    assert "Based on an answer by Helpful Hanna in our community." in html
    assert f'href="{question.get_absolute_url()}"' in html


def test_authors_who_opted_out_are_not_named(client, staff_user, knowledge_base, answer):
    answer.author.credit_in_articles = False
    answer.author.save()
    article = _publish(article_promote_from_answer(answer=answer, staff=staff_user), staff_user)
    html = client.get(article.url).content.decode()
    assert "Based on a community answer." in html and "Helpful Hanna" not in html


def test_question_shows_the_article_once_it_is_published(
    client, staff_user, knowledge_base, question, answer
):
    article = article_promote_from_answer(answer=answer, staff=staff_user)
    assert "now an official article" not in client.get(question.get_absolute_url()).content.decode()
    _publish(article, staff_user)
    html = client.get(question.get_absolute_url()).content.decode()
    assert "This answer is now an official article" in html and f'href="{article.url}"' in html


def test_submitting_a_promoted_draft_starts_the_knowledge_base_review(
    client, staff_user, user_factory, knowledge_base, answer
):
    article = article_promote_from_answer(answer=answer, staff=staff_user)
    editor = user_factory(username="editor", is_superuser=True, is_staff=True)
    client.force_login(editor)
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert client.get(edit_url).status_code == 200
    data = nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "summary": "Polished summary.",
            "body": streamfield([("heading", "What E1 means")]),
            "tags": "Cleaning",
            "manuals": {
                "TOTAL_FORMS": 0,
                "INITIAL_FORMS": 0,
                "MIN_NUM_FORMS": 0,
                "MAX_NUM_FORMS": 1000,
            },
            "related_links": {
                "TOTAL_FORMS": 0,
                "INITIAL_FORMS": 0,
                "MIN_NUM_FORMS": 0,
                "MAX_NUM_FORMS": 1000,
            },
            "action-submit": "submit",
        }
    )
    response = client.post(edit_url, data)
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(article.pk))
    assert state.workflow.name == "Knowledge base review"
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    article.refresh_from_db()
    assert not article.live


def test_editors_see_candidate_answers_most_valuable_first(
    client, staff_user, user_factory, knowledge_base, question, answer
):
    plain = qa_services.answer_create(question=question, author=user_factory(), body="Meh.")
    voted = qa_services.answer_create(question=question, author=user_factory(), body="Voted.")
    voted.score = 3
    voted.save()
    qa_services.answer_accept(answer=answer, user=question.author)
    client.force_login(user_factory(username="chief", is_superuser=True, is_staff=True))

    html = client.get(reverse("kb-candidate-answers")).content.decode()
    assert reverse("qa:answer-promote", args=[answer.pk]) in html
    assert reverse("qa:answer-promote", args=[voted.pk]) in html
    assert reverse("qa:answer-promote", args=[plain.pk]) not in html
    assert html.index(f"/answers/{answer.pk}/promote/") < html.index(
        f"/answers/{voted.pk}/promote/"
    )

    article_promote_from_answer(answer=answer, staff=staff_user)
    html = client.get(reverse("kb-candidate-answers")).content.decode()
    assert reverse("qa:answer-promote", args=[answer.pk]) not in html


def test_customers_cannot_open_the_candidate_list(client, customer):
    client.force_login(customer)
    assert client.get(reverse("kb-candidate-answers")).status_code in (302, 403)
