"""Members report posts; enough weight of reports hides a post until staff decide."""

import pytest
from django.urls import reverse

from community.moderation.enums import AuditAction, ContentStatus, FlagResolution
from community.moderation.models import AuditLogEntry, Flag
from community.moderation.services import content_hide
from community.notifications.models import Notification
from qa.models import Answer, Question

pytestmark = pytest.mark.django_db


def flag_url(kind, item):
    return reverse("moderation:flag", args=[kind, item.pk])


def test_a_member_reports_an_answer_and_sees_thanks(
    question_factory, answer_factory, user_factory, client_for
):
    answer = answer_factory(question=question_factory())
    flagger = user_factory()
    response = client_for(flagger).post(
        flag_url("answer", answer),
        {"reason": "spam", "next": answer.get_absolute_url()},
        follow=True,
    )
    assert "Thank you. A moderator will look at it." in response.content.decode()
    flag = Flag.objects.get()
    assert (flag.flagger, flag.target, flag.reason, flag.weight) == (flagger, answer, "spam", 1)


def test_the_report_control_shows_below_others_posts_only(
    question_factory, answer_factory, user_factory, client_for
):
    question = question_factory()
    answer_factory(question=question)
    page = client_for(question.author).get(question.get_absolute_url()).content.decode()
    assert page.count('class="flag-control"') == 1  # the answer, not their own question


def test_htmx_report_answers_in_place(question_factory, user_factory, client_for):
    question = question_factory()
    response = client_for(user_factory()).post(
        flag_url("question", question), {"reason": "off_topic"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Thank you. A moderator will look at it." in html


def test_anonymous_visitors_are_sent_to_sign_in(client, question_factory):
    question = question_factory()
    response = client.post(flag_url("question", question), {"reason": "spam"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    response = client.post(
        flag_url("question", question), {"reason": "spam"}, HTTP_HX_REQUEST="true"
    )
    assert "/accounts/login/" in response["HX-Redirect"]
    assert not Flag.objects.exists()


def test_nobody_reports_their_own_post(question_factory, client_for):
    question = question_factory()
    response = client_for(question.author).post(flag_url("question", question), {"reason": "spam"})
    assert response.status_code == 403
    assert "You cannot report your own post." in response.content.decode()
    assert not Flag.objects.exists()


def test_one_report_per_member_and_item(question_factory, user_factory, client_for):
    question = question_factory()
    browser = client_for(user_factory())
    browser.post(flag_url("question", question), {"reason": "spam"})
    response = browser.post(flag_url("question", question), {"reason": "rude"})
    assert "You have already reported this" in response.content.decode()
    assert Flag.objects.count() == 1


def test_something_else_needs_a_note_and_keeps_what_was_typed(
    question_factory, user_factory, client_for
):
    question = question_factory()
    response = client_for(user_factory()).post(
        flag_url("question", question), {"reason": "other", "note": "   "}
    )
    assert response.status_code == 400
    assert "Please say in a few words what is wrong." in response.content.decode()
    response = client_for(user_factory()).post(
        flag_url("question", question), {"reason": "bogus", "note": "Copied from a blog"}
    )
    assert response.status_code == 400
    assert 'value="Copied from a blog"' in response.content.decode()
    assert not Flag.objects.exists()


def test_hidden_posts_cannot_be_reported(question_factory, user_factory, client_for, staff_user):

    question = question_factory()
    content_hide(item=question, staff=staff_user, reason="Spam")
    response = client_for(user_factory()).post(flag_url("question", question), {"reason": "spam"})
    assert response.status_code == 404


def test_enough_reports_hide_an_answer_until_staff_decide(
    question_factory, answer_factory, user_factory, client_for, settings
):
    settings.MODERATION_AUTO_HIDE_WEIGHT = 3
    question = question_factory()
    answer = answer_factory(question=question, body="Buy cheap watches at example.com")
    for number in range(3):
        client_for(user_factory()).post(flag_url("answer", answer), {"reason": "spam"})
        answer.refresh_from_db()
        assert answer.status == (ContentStatus.HIDDEN if number == 2 else ContentStatus.PUBLISHED)
    assert answer.status_changed_by is None
    assert "Hidden after reports from the community" in answer.status_reason
    assert Question.objects.get(pk=question.pk).answer_count == 0
    page = client_for(user_factory()).get(question.get_absolute_url()).content.decode()
    assert "Buy cheap watches" not in page


def test_a_trusted_members_report_weighs_more(question_factory, user_factory, client_for, settings):
    settings.MODERATION_AUTO_HIDE_WEIGHT = 3
    settings.MODERATION_TRUSTED_FLAGGER_REPUTATION = 50
    question = question_factory()
    trusted = user_factory()
    type(trusted).objects.filter(pk=trusted.pk).update(reputation=50)
    trusted.refresh_from_db()
    client_for(trusted).post(flag_url("question", question), {"reason": "rude"})
    question.refresh_from_db()
    assert Flag.objects.get().weight == 2
    assert question.status == ContentStatus.PUBLISHED
    client_for(user_factory()).post(flag_url("question", question), {"reason": "rude"})
    question.refresh_from_db()
    assert question.status == ContentStatus.HIDDEN


def test_reports_work_for_every_kind_of_post(
    question_factory,
    answer_factory,
    topic_factory,
    reply_factory,
    review_factory,
    product,
    user_factory,
    client_for,
):
    from qa import services as qa_services

    question = question_factory()
    comment = qa_services.comment_create(
        question=question, author=user_factory(), body="Nonsense comment"
    )
    topic = topic_factory()
    post = reply_factory(topic=topic)
    review = review_factory(product=product)
    browser = client_for(user_factory())
    for kind, item in [("comment", comment), ("post", post), ("review", review)]:
        response = browser.post(flag_url(kind, item), {"reason": "rude"})
        assert response.status_code == 302, kind
    assert {flag.target for flag in Flag.objects.all()} == {comment, post, review}


def test_review_pages_and_forum_posts_carry_the_report_control(
    topic_factory, reply_factory, review_factory, product, user_factory, client_for
):
    topic = topic_factory()
    reply_factory(topic=topic)
    review = review_factory(product=product)
    browser = client_for(user_factory())
    assert 'class="flag-control"' in browser.get(topic.get_absolute_url()).content.decode()
    assert 'class="flag-control"' in browser.get(review.get_absolute_url()).content.decode()


def test_flaggers_see_that_their_report_was_handled(
    question_factory, answer_factory, user_factory, client_for, staff_client
):
    answer = answer_factory(question=question_factory())
    flagger = user_factory()
    browser = client_for(flagger)
    browser.post(flag_url("answer", answer), {"reason": "spam"})
    assert (
        "Waiting for a moderator" in browser.get(reverse("moderation:my-reports")).content.decode()
    )
    staff_client.post(
        reverse("moderation:decide"),
        {"row_action": f"hide:answer:{answer.pk}", f"reason-answer:{answer.pk}": "Advertising"},
    )
    page = browser.get(reverse("moderation:my-reports")).content.decode()
    assert "A moderator agreed and acted" in page
    assert Flag.objects.get().resolution == FlagResolution.UPHELD
    assert AuditLogEntry.objects.filter(action=AuditAction.HIDE, target_id=answer.pk).exists()
    assert Answer.objects.get(pk=answer.pk).status_reason == "Advertising"


def test_your_reports_needs_sign_in_and_shows_only_ones_own(
    client, question_factory, user_factory, client_for
):
    assert client.get(reverse("moderation:my-reports")).status_code == 302
    question = question_factory()
    client_for(user_factory()).post(flag_url("question", question), {"reason": "spam"})
    page = client_for(user_factory()).get(reverse("moderation:my-reports")).content.decode()
    assert "You have not reported anything" in page


def test_flagging_is_rate_limited(question_factory, user_factory, client_for, settings):
    settings.MODERATION_RATE_LIMITS = {**settings.MODERATION_RATE_LIMITS, "flag": "2/10m"}
    browser = client_for(user_factory())
    for _ in range(2):
        response = browser.post(flag_url("question", question_factory()), {"reason": "spam"})
        assert response.status_code == 302
    response = browser.post(flag_url("question", question_factory()), {"reason": "spam"})
    assert response.status_code == 429
    assert "You can report again in" in response.content.decode()
    assert Flag.objects.count() == 2


def test_my_reports_page_takes_the_same_queries_for_one_or_many(
    question_factory, user_factory, client_for, django_assert_max_num_queries
):
    flagger = user_factory()
    browser = client_for(flagger)
    for count in (1, 12):
        while Flag.objects.filter(flagger=flagger).count() < count:
            browser.post(flag_url("question", question_factory()), {"reason": "spam"})
        browser.get(reverse("moderation:my-reports"))  # warm the caches
        with django_assert_max_num_queries(9):
            assert browser.get(reverse("moderation:my-reports")).status_code == 200


def test_htmx_refusal_shows_the_message_in_place(question_factory, client_for):
    question = question_factory()
    response = client_for(question.author).post(
        flag_url("question", question), {"reason": "spam"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<html" not in html
    assert "You cannot report your own post." in html


def test_without_javascript_the_report_form_is_a_page_of_its_own(
    question_factory, user_factory, client_for
):
    question = question_factory(title="Is the lid oven safe up to 250 degrees?")
    response = client_for(user_factory()).get(flag_url("question", question))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Is the lid oven safe" in page and "Spam or advertising" in page
    assert (
        client_for(user_factory()).get(reverse("moderation:flag", args=["page", 1])).status_code
        == 404
    )


def test_reporters_are_told_the_outcome_in_their_own_language(
    question_factory, answer_factory, user_factory, client_for, staff_client
):
    answer = answer_factory(question=question_factory())
    dutch, english = user_factory(), user_factory()
    dutch.language = "nl"
    dutch.save(update_fields=["language"])
    for flagger in (dutch, english):
        client_for(flagger).post(flag_url("answer", answer), {"reason": "spam"})
    staff_client.post(
        reverse("moderation:decide"),
        {"row_action": f"hide:answer:{answer.pk}", f"reason-answer:{answer.pk}": "Advertising"},
    )
    texts = dict(Notification.objects.values_list("recipient_id", "text"))
    assert texts[english.pk] == (
        "The moderators looked at the post you reported: A moderator agreed and acted"
    )
    assert "Een moderator was het met je eens" in texts[dutch.pk]
    assert "about a answer" not in " ".join(Notification.objects.values_list("text", flat=True))
