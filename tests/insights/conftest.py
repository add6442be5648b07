"""Known data for Insights: every figure the tests assert is worked out by hand in ``seeded``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from cms.article_feedback import ArticleFeedback
from community.common.buying_phase import Phase
from community.common.periods import local_midnight, week_start
from community.moderation.enums import (
    AuditAction,
    ContentStatus,
    FlagReason,
    FlagResolution,
    StaffLabelKind,
)
from community.moderation.models import AuditLogEntry, Flag
from community.moderation.services import staff_label_set
from community.search.models import DeflectionEvent, SearchQueryLog
from forum.models import Topic
from qa.models import Answer, Question, Review, ReviewReply
from shop.models import Purchase


@pytest.fixture
def insights_staff(user_factory):
    """Staff who may use the Wagtail admin, where Insights lives."""
    user = user_factory(username="insights-staff", display_name="Sam Support", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def editor(user_factory):
    user = user_factory(username="editor")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def staff_client(client, insights_staff):
    client.force_login(insights_staff)
    return client


def at(day: date, hours: float = 0) -> datetime:
    return local_midnight(day) + timedelta(hours=hours)


def set_created(model, pk: int, when: datetime) -> None:
    model.objects.filter(pk=pk).update(created_at=when)


@dataclass
class Seeded:
    monday: date
    skillet: object
    kettle: object
    grinder: object
    questions: dict
    staff: object

    @property
    def query(self) -> dict:
        """The two weeks from ``monday`` as custom dates."""
        return {
            "period": "custom",
            "start": self.monday.isoformat(),
            "end": (self.monday + timedelta(days=13)).isoformat(),
        }


@pytest.fixture
def seeded(
    insights_staff,
    user_factory,
    question_factory,
    answer_factory,
    product_factory,
    product_category_factory,
    topic_factory,
    article_factory,
):
    monday = week_start(timezone.localdate()) - timedelta(days=21)
    cookware = product_category_factory(name="Cookware")
    appliances = product_category_factory(name="Appliances")
    skillet = product_factory(title="Skillet", category=cookware)
    kettle = product_factory(title="Kettle", category=appliances)
    grinder = product_factory(title="Grinder", category=appliances)
    staff = insights_staff
    m1, m2, m3 = (user_factory(username=f"helper{n}") for n in (1, 2, 3))

    def ask(name, when, *, product=skillet, phase=Phase.BEFORE_PURCHASE, tags=()):
        question = question_factory(
            title=f"Question {name} about the product, please help",
            product=product,
            phase=phase,
            tags=tags,
        )
        set_created(Question, question.pk, when)
        return question

    def answer(question, author, when):
        reply = answer_factory(question=question, author=author)
        set_created(Answer, reply.pk, when)
        return reply

    q1 = ask("one", at(monday, 9), tags=["lid"])
    a1 = answer(q1, m1, at(monday, 10))
    a2 = answer(q1, staff, at(monday, 12))
    Question.objects.filter(pk=q1.pk).update(accepted_answer=a2)
    q2 = ask("two", at(monday, 10), tags=["lid", "handle"])
    a3 = answer(q2, staff, at(monday, 12))
    Question.objects.filter(pk=q2.pk).update(official_answer=a3)
    q3 = ask("three", at(monday + timedelta(days=1), 12))
    answer(q3, m2, at(monday + timedelta(days=1), 17))
    q4 = ask("four", at(monday + timedelta(days=7), 8))
    a5 = answer(q4, m3, at(monday + timedelta(days=7), 18))
    Question.objects.filter(pk=q4.pk).update(accepted_answer=a5)
    q5 = ask("five", at(monday + timedelta(days=8), 8), product=kettle, phase=Phase.AFTER_PURCHASE)
    q6 = ask("six", at(monday + timedelta(days=2), 8))
    Question.objects.filter(pk=q6.pk).update(status=ContentStatus.HIDDEN)
    q7 = ask("seven", at(monday - timedelta(days=3), 8))

    # Orders: two of the skillet and one of the grinder in the period, one skillet before it.
    for order, product, day in (
        ("O1", skillet, monday),
        ("O2", skillet, monday + timedelta(days=3)),
        ("O3", grinder, monday + timedelta(days=4)),
        ("O4", skillet, monday - timedelta(days=5)),
    ):
        Purchase.objects.create(
            order_id=order,
            email="buyer@example.com",
            sku=product.sku,
            product=product,
            ordered_at=at(day, 11),
        )

    # Reviews of the skillet: 5, 1 (replied after 4 hours) and 2 stars in the period, and
    # 4 stars in the two weeks before it.
    def review(rating, when):
        written = Review.objects.create(
            product=skillet,
            author=user_factory(),
            rating=rating,
            title="My verdict",
            body="Here is what I think.",
        )
        set_created(Review, written.pk, when)
        return written

    review(5, at(monday, 9))
    one_star = review(1, at(monday + timedelta(days=1), 9))
    reply = ReviewReply.objects.create(review=one_star, author=staff, body="Sorry, we call you.")
    set_created(ReviewReply, reply.pk, at(monday + timedelta(days=1), 13))
    review(2, at(monday + timedelta(days=2), 9))
    review(4, at(monday - timedelta(days=4), 9))

    # Searches: 12 in the period, of which 4 found nothing and 3 found something nobody opened.
    for query, day, searches, results, clicks in (
        ("blender lid", monday, 5, 3, 2),
        ("zebra", monday + timedelta(days=1), 4, 0, 0),
        ("cast iron", monday + timedelta(days=2), 3, 2, 0),
        ("old search", monday - timedelta(days=1), 100, 0, 0),
    ):
        SearchQueryLog.objects.create(
            query=query, day=day, searches=searches, result_count=results, clicks=clicks
        )
    for asked_anyway in (False, False, True):
        event = DeflectionEvent.objects.create(
            query="lid", target_url="/kb/lid/", asked_anyway=asked_anyway
        )
        DeflectionEvent.objects.filter(pk=event.pk).update(created_at=at(monday, 15))

    # Article feedback: "Seasoning" 2 yes of 3, "Descaling" 0 of 1.
    seasoning = article_factory(title="Seasoning")
    descaling = article_factory(title="Descaling")
    for article, helpful in (
        (seasoning, True),
        (seasoning, True),
        (seasoning, False),
        (descaling, False),
    ):
        feedback = ArticleFeedback.objects.create(
            article=article, helpful=helpful, user=user_factory()
        )
        ArticleFeedback.objects.filter(pk=feedback.pk).update(created_at=at(monday, 16))

    # Wishes: the kettle question wished for, the first skillet question a product problem,
    # a skillet topic wished for.
    topic = topic_factory(title="Please sell a skillet lid", product=skillet)
    set_created(Topic, topic.pk, at(monday + timedelta(days=2), 10))
    staff_label_set(item=q5, staff=staff, kind=StaffLabelKind.WISH, on=True)
    staff_label_set(item=q1, staff=staff, kind=StaffLabelKind.PROBLEM, on=True)
    staff_label_set(item=topic, staff=staff, kind=StaffLabelKind.WISH, on=True)

    # Moderation: two reports in the period, one upheld after 30 minutes; one approval; one
    # answer waiting for approval.
    handled = Flag.objects.create(
        flagger=m1,
        target=a1,
        reason=FlagReason.SPAM,
        resolved_at=at(monday, 14.5),
        resolved_by=staff,
        resolution=FlagResolution.UPHELD,
    )
    Flag.objects.filter(pk=handled.pk).update(created_at=at(monday, 14))
    waiting = Flag.objects.create(flagger=m2, target=a2, reason=FlagReason.RUDE)
    Flag.objects.filter(pk=waiting.pk).update(created_at=at(monday, 15))
    approval = AuditLogEntry.objects.create(
        actor=staff, action=AuditAction.APPROVE, target=q3, target_repr="q3"
    )
    AuditLogEntry.objects.filter(pk=approval.pk).update(created_at=at(monday, 18))
    held = answer(q7, m1, at(monday, 8))
    Answer.objects.filter(pk=held.pk).update(status=ContentStatus.PENDING)
    Question.objects.filter(pk=q7.pk).update(answer_count=0)

    return Seeded(
        monday=monday,
        skillet=skillet,
        kettle=kettle,
        grinder=grinder,
        questions={"q1": q1, "q5": q5, "q7": q7},
        staff=staff,
    )
