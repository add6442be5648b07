"""Staff work one queue: reported and held posts of every kind, oldest first."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from community.moderation import services
from community.moderation.enums import AuditAction, ContentStatus, FlagResolution
from community.moderation.models import AuditLogEntry, Flag
from community.moderation.services import content_hide
from forum.models import Board, Topic
from qa import services as qa_services
from qa.models import Answer, Question

pytestmark = pytest.mark.django_db

QUEUE = reverse("moderation:queue")
DECIDE = reverse("moderation:decide")


def flag(item, *, by, reason="spam", note=""):
    return services.flag_create(flagger=by, target=item, reason=reason, note=note)


def hold(item):
    """Put an item in the held state as post_admit does for a new member."""
    type(item).objects.filter(pk=item.pk).update(
        status=ContentStatus.PENDING, status_reason="A new member's first post"
    )
    item.refresh_from_db()
    return item


def test_only_staff_see_the_queue(anonymous, customer_client, staff_client):
    assert anonymous.get(QUEUE).status_code == 302
    assert customer_client.get(QUEUE).status_code == 403
    assert customer_client.post(DECIDE, {"action": "hide"}).status_code == 403
    assert staff_client.get(QUEUE).status_code == 200


def test_the_queue_lists_reported_and_held_posts_oldest_first(
    question_factory, answer_factory, user_factory, staff_client
):
    reported = question_factory(title="Reported question about pans")
    flag(reported, by=user_factory(), reason="other", note="Looks copied")
    held = hold(answer_factory(question=question_factory(), body="Held answer text"))
    Answer.objects.filter(pk=held.pk).update(created_at=timezone.now() - timedelta(days=1))
    page = staff_client.get(QUEUE).content.decode()
    assert page.index("Held answer text") < page.index("Reported question about pans")
    assert "Looks copied" in page
    assert "A new member&#x27;s first post" in page or "A new member's first post" in page
    assert "Held for approval" in page


def test_the_queue_filters_by_type_and_reason(
    question_factory, answer_factory, user_factory, staff_client
):
    question = question_factory(title="A question reported as rude")
    flag(question, by=user_factory(), reason="rude")
    hold(answer_factory(question=question_factory(), body="Held answer text"))
    page = staff_client.get(QUEUE, {"kind": "answer"}).content.decode()
    assert "Held answer text" in page and "reported as rude" not in page
    page = staff_client.get(QUEUE, {"reason": "rude"}).content.decode()
    assert "Held answer text" not in page and "reported as rude" in page
    page = staff_client.get(QUEUE, {"reason": "held"}).content.decode()
    assert "Held answer text" in page and "reported as rude" not in page
    page = staff_client.get(QUEUE, {"reason": "spam"}).content.decode()
    assert "Nothing waits for a decision" in page


def test_approving_a_held_answer_publishes_and_counts_it(
    question_factory, answer_factory, staff_client, staff_user
):
    question = question_factory()
    answer = hold(answer_factory(question=question))
    Question.objects.filter(pk=question.pk).update(answer_count=0)
    response = staff_client.post(DECIDE, {"row_action": f"approve:answer:{answer.pk}"}, follow=True)
    assert "Approved 1 item." in response.content.decode()
    answer.refresh_from_db()
    assert answer.status == ContentStatus.PUBLISHED
    assert Question.objects.get(pk=question.pk).answer_count == 1
    entry = AuditLogEntry.objects.get(target_id=answer.pk)
    assert (entry.action, entry.actor) == (AuditAction.APPROVE, staff_user)


def test_approving_a_held_topic_counts_it_on_its_board(topic_factory, board, staff_client):
    topic = hold(topic_factory(board=board))
    from forum.services import _board_recount

    _board_recount(board.pk)
    assert Board.objects.get(pk=board.pk).topic_count == 0
    staff_client.post(DECIDE, {"row_action": f"approve:topic:{topic.pk}"})
    assert Topic.objects.get(pk=topic.pk).status == ContentStatus.PUBLISHED
    assert Board.objects.get(pk=board.pk).topic_count == 1


def test_keeping_a_reported_post_declines_the_reports(question_factory, user_factory, staff_client):
    question = question_factory()
    flag(question, by=user_factory())
    staff_client.post(DECIDE, {"row_action": f"approve:question:{question.pk}"})
    question.refresh_from_db()
    assert question.status == ContentStatus.PUBLISHED
    assert Flag.objects.get().resolution == FlagResolution.DECLINED
    assert AuditLogEntry.objects.filter(action=AuditAction.DISMISS_FLAGS).exists()
    assert "Nothing waits" in staff_client.get(QUEUE).content.decode()


def test_hiding_needs_a_reason_the_author_then_sees(
    question_factory, user_factory, staff_client, client_for
):
    question = question_factory()
    flag(question, by=user_factory())
    response = staff_client.post(
        DECIDE, {"row_action": f"hide:question:{question.pk}"}, follow=True
    )
    assert "Please give a reason: the author sees it." in response.content.decode()
    assert Question.objects.get(pk=question.pk).status == ContentStatus.PUBLISHED
    staff_client.post(
        DECIDE,
        {
            "row_action": f"hide:question:{question.pk}",
            f"reason-question:{question.pk}": "Advertising a competitor",
        },
    )
    page = client_for(question.author).get(question.get_absolute_url()).content.decode()
    assert "Hidden by staff" in page and "Advertising a competitor" in page
    assert client_for(user_factory()).get(question.get_absolute_url()).status_code == 404


def test_hiding_as_spam_costs_reputation_and_restoring_gives_it_back(
    question_factory, answer_factory, user_factory, staff_client, settings
):
    answer = answer_factory(question=question_factory())
    author = answer.author
    staff_client.post(
        DECIDE,
        {
            "row_action": f"hide:answer:{answer.pk}",
            f"reason-answer:{answer.pk}": "Spam",
            f"as_spam-answer:{answer.pk}": "on",
        },
    )
    author.refresh_from_db()
    assert author.reputation == settings.REPUTATION_POINTS["hidden_as_spam"]
    staff_client.post(DECIDE, {"row_action": f"restore:answer:{answer.pk}"})
    author.refresh_from_db()
    assert author.reputation == 0


def test_restoring_an_automatically_hidden_answer_loses_nothing(
    question_factory, answer_factory, user_factory, staff_client, settings
):
    settings.MODERATION_AUTO_HIDE_WEIGHT = 2
    question = question_factory()
    answer = answer_factory(question=question, body="**Use** the [manual](https://example.com).")
    qa_services.vote_cast(voter=user_factory(), item=answer, value=1)
    before = Answer.objects.values("body", "body_rendered", "score", "created_at").get(pk=answer.pk)
    flag(answer, by=user_factory())
    flag(answer, by=user_factory())
    assert Answer.objects.get(pk=answer.pk).status == ContentStatus.HIDDEN
    assert Question.objects.get(pk=question.pk).answer_count == 0
    page = staff_client.get(QUEUE).content.decode()
    assert "Hidden automatically" in page
    staff_client.post(DECIDE, {"row_action": f"approve:answer:{answer.pk}"})
    after = Answer.objects.values("body", "body_rendered", "score", "created_at").get(pk=answer.pk)
    assert after == before
    assert Answer.objects.get(pk=answer.pk).status == ContentStatus.PUBLISHED
    assert Question.objects.get(pk=question.pk).answer_count == 1


def test_staff_delete_a_post_with_a_reason_and_can_restore_it(
    question_factory, answer_factory, staff_client
):
    question = question_factory()
    answer = answer_factory(question=question)
    staff_client.post(
        DECIDE,
        {"row_action": f"delete:answer:{answer.pk}", f"reason-answer:{answer.pk}": "Illegal"},
    )
    answer.refresh_from_db()
    assert (answer.status, answer.status_reason) == (ContentStatus.DELETED, "Illegal")
    assert Question.objects.get(pk=question.pk).answer_count == 0
    assert AuditLogEntry.objects.filter(action=AuditAction.DELETE, reason="Illegal").exists()
    staff_client.post(DECIDE, {"row_action": f"restore:answer:{answer.pk}"})
    assert Question.objects.get(pk=question.pk).answer_count == 1


def test_a_spam_wave_is_hidden_and_its_authors_suspended_in_bulk(
    question_factory, answer_factory, user_factory, staff_client
):
    spammer = user_factory()
    question = question_factory()
    answers = [answer_factory(question=question, author=spammer) for _ in range(3)]
    bystander = answer_factory(question=question)
    for answer in answers:
        flag(answer, by=user_factory())
    tokens = [f"answer:{answer.pk}" for answer in answers]
    response = staff_client.post(
        DECIDE, {"items": tokens, "action": "hide", "reason": "Spam wave"}, follow=True
    )
    assert "Hid 3 items." in response.content.decode()
    assert set(Answer.objects.filter(author=spammer).values_list("status", flat=True)) == {
        ContentStatus.HIDDEN
    }
    assert Answer.objects.get(pk=bystander.pk).status == ContentStatus.PUBLISHED
    response = staff_client.post(
        DECIDE,
        {"items": tokens, "action": "suspend", "reason": "Spam wave", "days": "30"},
        follow=True,
    )
    assert "Suspended 1 member." in response.content.decode()
    spammer.refresh_from_db()
    assert spammer.suspended_until > timezone.now() + timedelta(days=29)


def test_a_bulk_action_reports_what_it_skipped(question_factory, staff_client, staff_user):
    first, second = question_factory(), question_factory()
    content_hide(item=first, staff=staff_user, reason="Earlier")
    response = staff_client.post(
        DECIDE,
        {
            "items": [f"question:{first.pk}", f"question:{second.pk}"],
            "action": "hide",
            "reason": "x",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Hid 1 item." in page and "A moderator has hidden this already." in page


def test_bulk_without_ticked_items_says_so(staff_client):
    response = staff_client.post(DECIDE, {"action": "hide", "reason": "x"}, follow=True)
    assert "Please tick at least one item." in response.content.decode()


def test_reviews_are_moderated_in_the_same_queue(
    review_factory, product, user_factory, staff_client
):
    review = review_factory(product=product, title="Terrible skillet, scam")
    flag(review, by=user_factory(), reason="rude")
    page = staff_client.get(QUEUE, {"kind": "review"}).content.decode()
    assert "Terrible skillet, scam" in page
    staff_client.post(
        DECIDE, {"row_action": f"hide:review:{review.pk}", f"reason-review:{review.pk}": "Abusive"}
    )
    review.refresh_from_db()
    assert review.status == ContentStatus.HIDDEN


@pytest.mark.slow
def test_the_queue_takes_the_same_queries_for_one_or_many_items(
    question_factory,
    answer_factory,
    topic_factory,
    reply_factory,
    review_factory,
    product,
    user_factory,
    staff_client,
    django_assert_max_num_queries,
):
    flagger = user_factory()

    def add_batch():
        question = question_factory()
        flag(question, by=flagger)
        flag(answer_factory(question=question), by=flagger, reason="rude")
        hold(qa_services.comment_create(question=question, author=user_factory(), body="Hi"))
        hold(reply_factory(topic=topic_factory()))

    add_batch()
    flag(review_factory(product=product), by=flagger)
    staff_client.get(QUEUE)
    # Session, user, the open flags and notices of illegal content, held items of each of the
    # six kinds, the items of each kind on the page, their flags and notices, their authors'
    # warnings, staff's admin permissions.
    limit = 20
    with django_assert_max_num_queries(limit):
        assert staff_client.get(QUEUE).status_code == 200
    for _ in range(6):
        add_batch()
    with django_assert_max_num_queries(limit):
        page = staff_client.get(QUEUE).content.decode()
    assert page.count('class="moderation-row"') == 25


def test_staff_see_the_queue_count_in_the_header_and_it_follows_changes(
    question_factory, user_factory, staff_client, client_for
):
    question = question_factory()
    assert "Moderation (0)" in staff_client.get("/questions/").content.decode()
    flag(question, by=user_factory())
    assert "Moderation (1)" in staff_client.get("/questions/").content.decode()
    staff_client.post(DECIDE, {"row_action": f"approve:question:{question.pk}"})
    assert "Moderation (0)" in staff_client.get("/questions/").content.decode()
    assert "Moderation (" not in client_for(user_factory()).get("/questions/").content.decode()


def test_hiding_from_the_post_itself_closes_its_reports(
    question_factory, user_factory, staff_client
):
    question = question_factory()
    flag(question, by=user_factory())
    staff_client.post(
        DECIDE, {"item": f"question:{question.pk}", "action": "hide", "reason": "Spam"}
    )
    assert Flag.objects.get().resolution == FlagResolution.UPHELD
    assert "Nothing waits" in staff_client.get(QUEUE).content.decode()


def test_reports_on_a_post_its_author_deleted_can_be_dismissed(
    question_factory, user_factory, staff_client
):
    question = question_factory()
    flag(question, by=user_factory())
    qa_services.question_delete(question=question, user=question.author)
    staff_client.post(DECIDE, {"row_action": f"approve:question:{question.pk}"})
    question.refresh_from_db()
    assert question.status == ContentStatus.DELETED
    assert Flag.objects.get().resolution == FlagResolution.DECLINED


def test_each_row_says_which_action_enter_takes_and_deleting_asks_first(
    question_factory, user_factory, staff_client
):
    question = question_factory(title="Buy cheap watches here, very cheap")
    flag(question, by=user_factory())
    page = staff_client.get(QUEUE).content.decode()
    row = page.split(f'id="queue-question-{question.pk}"')[1]
    hide = f'value="hide:question:{question.pk}" class="button button--small button--secondary"'
    assert f"{hide} data-row-default" in row
    assert 'data-confirm="Delete this post? Its author is told' in row
    assert 'data-row-actions id="queue-question-' in page
    # The filters fold away on phones (open without JavaScript).
    assert '<details class="filter-fold" open data-fold-narrow>' in page
