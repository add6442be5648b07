"""Reports weigh only once the reporter has standing, and never hide what speaks for the
shop (issue 15, "Trust that can't be farmed")."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from community.accounts.models import User
from community.moderation.enums import ContentStatus
from community.moderation.models import Flag
from community.moderation.trust import has_standing
from qa import services as qa_services
from qa.models import Answer

pytestmark = pytest.mark.django_db

QUEUE = reverse("moderation:queue")


@pytest.fixture(autouse=True)
def standing_rules(settings):
    """Standing as in production (the test settings give it at once)."""
    settings.TRUST_STANDING_MIN_AGE_DAYS = 3
    settings.TRUST_STANDING_MIN_REPUTATION = 15
    settings.MODERATION_AUTO_HIDE_WEIGHT = 3
    settings.MODERATION_FLAG_WEIGHT = 1


@pytest.fixture
def established(user_factory):
    """A member whose account is a week old, with a verified address."""

    def make(**options):
        member = user_factory(**options)
        User.objects.filter(pk=member.pk).update(date_joined=timezone.now() - timedelta(days=7))
        member.refresh_from_db()
        return member

    return make


def _report(client_for, member, kind, item):
    return client_for(member).post(
        reverse("moderation:flag", args=[kind, item.pk]), {"reason": "spam"}
    )


def test_who_has_standing(user_factory, established, staff_user):
    assert not has_standing(user_factory())  # a new account, however verified
    assert has_standing(established())
    assert not has_standing(established(verified=False))
    rich = user_factory()
    User.objects.filter(pk=rich.pk).update(reputation=15)
    rich.refresh_from_db()
    assert has_standing(rich)
    assert has_standing(staff_user)


def test_five_fresh_accounts_cannot_hide_a_post_but_reach_the_queue(
    question_factory, answer_factory, user_factory, client_for, staff_client
):
    answer = answer_factory(question=question_factory(), body="A fair answer someone dislikes.")
    for _ in range(5):
        assert _report(client_for, user_factory(), "answer", answer).status_code == 302

    assert Answer.objects.get(pk=answer.pk).status == ContentStatus.PUBLISHED
    assert Flag.objects.filter(target_id=answer.pk).count() == 5
    assert set(Flag.objects.values_list("weight", flat=True)) == {0}
    assert "A fair answer someone dislikes." in staff_client.get(QUEUE).content.decode()


def test_members_with_standing_hide_a_post(
    question_factory, answer_factory, established, client_for
):
    answer = answer_factory(question=question_factory(), body="Buy cheap watches here.")
    for _ in range(3):
        _report(client_for, established(), "answer", answer)

    answer.refresh_from_db()
    assert answer.status == ContentStatus.HIDDEN
    assert answer.status_changed_by is None  # hidden automatically


def test_a_staff_post_is_never_hidden_by_reports_only_queued(
    question_factory, established, staff_user, client_for, staff_client
):
    question = question_factory()
    staff_answer = qa_services.answer_create(
        question=question, author=staff_user, body="Our warranty covers the hinge for 5 years."
    )
    for _ in range(4):
        _report(client_for, established(), "answer", staff_answer)

    assert Answer.objects.get(pk=staff_answer.pk).status == ContentStatus.PUBLISHED
    assert "Our warranty covers the hinge" in staff_client.get(QUEUE).content.decode()


def test_an_official_answer_is_never_hidden_by_reports_only_queued(
    question_factory, answer_factory, established, staff_user, client_for, staff_client
):
    answer = answer_factory(question=question_factory(), body="Descale it once a month.")
    qa_services.answer_mark_official(answer=answer, staff=staff_user)
    for _ in range(4):
        _report(client_for, established(), "answer", answer)

    assert Answer.objects.get(pk=answer.pk).status == ContentStatus.PUBLISHED
    assert "Descale it once a month." in staff_client.get(QUEUE).content.decode()
