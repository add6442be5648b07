"""The demo shows moderation at work, with the trust rules on as in development."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from community.accounts.models import User
from community.moderation.enums import AuditAction, ContentStatus
from community.moderation.models import AuditLogEntry, Flag, MemberWarning
from community.moderation.selectors import queue_keys
from qa.models import Question

pytestmark = pytest.mark.django_db


def _seed() -> None:
    call_command("seed_demo", stdout=io.StringIO())


def test_the_demo_has_reports_a_held_first_post_and_an_audit_trail(
    strict_trust, client_for, demo_site
):
    held = Question.objects.get(author__username="nina")
    assert held.status == ContentStatus.PENDING
    assert Flag.objects.filter(resolved_at__isnull=True).count() == 2
    spammer = User.objects.get(username="dealhunter")
    assert spammer.suspended_until is not None
    assert spammer.reputation < 0  # computed from the spam event, not typed in
    actions = set(AuditLogEntry.objects.values_list("action", flat=True))
    assert {AuditAction.HIDE, AuditAction.SUSPEND, AuditAction.WARN} <= actions
    assert MemberWarning.objects.filter(user__username="bram").exists()
    kinds = {key.kind for key in queue_keys()}
    assert {"question", "answer", "post"} <= kinds
    page = client_for(User.objects.get(username="sam")).get(reverse("moderation:queue"))
    assert "Can I use the cast-iron skillet" in page.content.decode()


def test_seeding_twice_adds_no_moderation_the_second_time(strict_trust, demo_site):
    counts = (Flag.objects.count(), AuditLogEntry.objects.count(), MemberWarning.objects.count())
    _seed()
    assert (
        Flag.objects.count(),
        AuditLogEntry.objects.count(),
        MemberWarning.objects.count(),
    ) == counts
