"""The demo shows one suggested edit waiting, made by a member whose points are real."""

import io

import pytest
from django.core.management import call_command

from community.accounts.models import User
from qa.enums import SuggestedEditStatus
from qa.models import SuggestedEdit

pytestmark = pytest.mark.django_db


def _seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_the_demo_has_one_pending_suggestion_the_author_is_told_about(client, settings, demo_site):
    settings.REPUTATION_PRIVILEGE_THRESHOLDS = {
        **settings.REPUTATION_PRIVILEGE_THRESHOLDS,
        "suggest_edits": 100,
        "edit_others": 1000,
    }
    output = demo_site.output

    suggestion = SuggestedEdit.objects.select_related("answer__author", "suggester").get()
    assert suggestion.status == SuggestedEditStatus.PENDING
    suggester = suggestion.suggester
    assert 100 <= suggester.reputation < 1000 and not suggester.is_staff
    assert suggestion.answer.author != suggester
    assert (
        f"Demo suggested edit: {suggester.username} ({suggester.reputation} reputation points)"
        in output
    )
    author = User.objects.get(pk=suggestion.answer.author_id)
    client.force_login(author)
    page = client.get(suggestion.question.get_absolute_url()).content.decode()
    assert "1 suggested edit waiting" in page
    assert "suggested an edit to your answer" in client.get("/notifications/").content.decode()

    assert "Demo suggested edit: already in place." in _seed()
    assert SuggestedEdit.objects.count() == 1
