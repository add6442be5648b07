"""The public transparency report: exact figures per period, as a page and as CSV."""

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from community.moderation import services
from community.moderation.appeals import appeal_create, appeal_decide
from community.moderation.enums import AppealOutcome
from community.moderation.models import Appeal, DecisionStatement, IllegalContentNotice
from community.moderation.notices import notice_create

pytestmark = pytest.mark.django_db

REPORT = "/moderation/transparency/"


def at(day: int, hour: int = 12) -> datetime:
    return datetime(2024, 3, day, hour, tzinfo=ZoneInfo("UTC"))


@pytest.fixture
def march_2024(staff_user, user_factory, question_factory, answer_factory, anonymous):
    """In March 2024: two notices (one acted on after 6 hours, one open), a hide after a
    notice, a delete after a report (2 hours), an automated hide after reports (no wait
    recorded beyond its reports: 4 hours), a warning; one appeal reversed, one upheld. And
    one hide in 2023 that the period leaves out."""
    colleague = user_factory(is_staff=True)
    question = question_factory()
    noticed, deleted, auto_hidden, old = (answer_factory(question=question) for _ in range(4))
    open_notice_target = answer_factory(question=question)

    notice_create(
        target=noticed,
        sender=anonymous_user(),
        address="1.2.3.4",
        explanation="Fake goods",
        good_faith=True,
    )
    notice_create(
        target=open_notice_target,
        sender=anonymous_user(),
        address="1.2.3.5",
        explanation="Stolen photos",
        good_faith=True,
    )
    services.content_hide(item=noticed, staff=staff_user, reason="Counterfeit")
    services.flag_create(flagger=user_factory(), target=deleted, reason="rude")
    services.content_delete(item=deleted, staff=staff_user, reason="Insults")
    for _ in range(3):
        services.flag_create(flagger=user_factory(), target=auto_hidden, reason="spam")
    warning = services.user_warn(user=user_factory(), staff=staff_user, reason="Be kind")
    services.content_hide(item=old, staff=staff_user, reason="Old spam")

    by_target = {s.target_id: s for s in DecisionStatement.objects.all()}
    # Move everything into March 2024 (the old hide into 2023), at known times.
    IllegalContentNotice.objects.filter(target_id=noticed.pk).update(
        created_at=at(1, 6), resolved_at=at(1, 12)
    )
    IllegalContentNotice.objects.filter(target_id=open_notice_target.pk).update(created_at=at(2))
    DecisionStatement.objects.filter(pk=by_target[noticed.pk].pk).update(
        created_at=at(1, 12), reported_at=at(1, 6)
    )
    DecisionStatement.objects.filter(pk=by_target[deleted.pk].pk).update(
        created_at=at(3, 12), reported_at=at(3, 10)
    )
    DecisionStatement.objects.filter(pk=by_target[auto_hidden.pk].pk).update(
        created_at=at(4, 12), reported_at=at(4, 8)
    )
    DecisionStatement.objects.filter(decision="warn").update(created_at=at(5))
    DecisionStatement.objects.filter(pk=by_target[old.pk].pk).update(
        created_at=datetime(2023, 12, 31, 12, tzinfo=ZoneInfo("UTC"))
    )
    reversed_appeal = appeal_create(
        statement=by_target[noticed.pk], member=noticed.author, text="Genuine goods"
    )
    appeal_decide(
        appeal=reversed_appeal, staff=colleague, outcome=AppealOutcome.REVERSED, reason="Proof"
    )
    upheld = appeal_create(
        statement=DecisionStatement.objects.get(decision="warn"),
        member=warning.user,
        text="I was kind",
    )
    appeal_decide(appeal=upheld, staff=colleague, outcome=AppealOutcome.UPHELD, reason="No")
    Appeal.objects.update(created_at=at(10))


def anonymous_user():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def figures_of(response) -> dict[tuple[str, str], str]:
    rows = csv.DictReader(io.StringIO(response.content.decode()))
    return {(row["section"], row["figure"]): row["value"] for row in rows}


def test_the_figures_for_a_month_are_exact(march_2024, client):
    response = client.get(REPORT, {"period": "month", "year": 2024, "month": 3, "format": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    figures = figures_of(response)
    assert figures[("notices", "received")] == "2"
    assert figures[("notices", "acted")] == "1"
    assert figures[("notices", "declined")] == "0"
    assert figures[("notices", "open")] == "1"
    assert figures[("decisions", "hide")] == "2"  # after the notice, and automatically
    assert figures[("decisions", "delete")] == "1"
    assert figures[("decisions", "warn")] == "1"
    assert figures[("decisions", "hold")] == "0"
    assert figures[("grounds", "illegal")] == "1"
    assert figures[("grounds", "rude")] == "1"
    assert figures[("grounds", "spam")] == "1"
    assert figures[("grounds", "community_rules")] == "1"
    assert figures[("how", "automated")] == "1"
    assert figures[("how", "manual")] == "3"
    assert figures[("how", "after_notice")] == "1"
    assert figures[("appeals", "received")] == "2"
    assert figures[("appeals", "reversed")] == "1"
    assert figures[("appeals", "upheld")] == "1"
    assert figures[("appeals", "open")] == "0"
    assert figures[("median_hours", "notice")] == "6.0"
    assert figures[("median_hours", "report")] == "4.0"  # of 6, 2 and 4 hours


def test_the_page_shows_the_period_and_nothing_personal(march_2024, client, staff_user):
    response = client.get(REPORT, {"period": "quarter", "year": 2024, "quarter": 1})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Period: 2024 Q1" in page
    assert "Download as CSV" in page
    for personal in ("Counterfeit", "Fake goods", staff_user.username, "Genuine goods"):
        assert personal not in page


def test_a_year_leaves_out_other_years(march_2024, client):
    figures = figures_of(client.get(REPORT, {"period": "year", "year": 2023, "format": "csv"}))

    assert figures[("decisions", "hide")] == "1"
    assert figures[("notices", "received")] == "0"


def test_by_default_the_last_twelve_months(client, staff_user, question_factory, answer_factory):
    answer = answer_factory(question=question_factory())
    services.content_hide(item=answer, staff=staff_user, reason="Spam")
    DecisionStatement.objects.update(created_at=timezone.now() - timedelta(days=400))
    services.user_warn(user=answer.author, staff=staff_user, reason="Mind the rules")

    figures = figures_of(client.get(REPORT, {"format": "csv"}))

    assert figures[("decisions", "warn")] == "1"
    assert figures[("decisions", "hide")] == "0"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"period": "month", "year": 2024}, "Please give the month (1 to 12)."),
        ({"period": "month", "year": 2024, "month": 13}, "less than or equal to 12"),
        ({"period": "quarter", "year": "soon"}, "Enter a whole number."),
        ({"period": "decade", "year": 2024}, "Select a valid choice."),
    ],
)
def test_a_bad_period_is_answered_clearly(query, message, client):
    response = client.get(REPORT, query)

    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_report_takes_a_fixed_number_of_queries(
    march_2024, client, django_assert_max_num_queries
):
    # The notices, decisions by type and by ground, how they were taken, the appeals, and two
    # queries for each of the two medians: the same for any amount of data.
    with django_assert_max_num_queries(10):
        assert client.get(REPORT, {"period": "year", "year": 2024}).status_code == 200
