import io

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.db.models import F, Sum
from taggit.models import Tag

from community.accounts.models import User
from community.revisions.models import Revision
from qa.models import Answer, AnswerVote, Comment, Question, QuestionVote

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    models = (
        User,
        EmailAddress,
        Tag,
        Question,
        Answer,
        Comment,
        QuestionVote,
        AnswerVote,
        Revision,
    )
    return {model.__name__: model.objects.count() for model in models}


def _seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seeding_the_demo_twice_changes_nothing_the_second_time(demo_site):
    first = _counts()
    output = _seed()
    assert _counts() == first
    assert "Demo questions: already there" in output


def test_demo_questions_look_like_a_lively_community(demo_site):
    questions = Question.objects.all()
    assert questions.count() >= 40
    assert questions.filter(product=None).exists()
    assert questions.filter(product__isnull=False).count() >= 40
    assert {"before", "after"} <= set(questions.values_list("phase", flat=True))
    assert questions.filter(answer_count=0).count() >= 3
    assert questions.exclude(accepted_answer=None).count() >= 3
    official = questions.exclude(official_answer=None)
    assert official.count() >= 3
    assert all(question.official_answer.author.is_staff for question in official)
    assert Answer.objects.filter(author__is_staff=False).exists()
    assert Comment.objects.exists()
    assert 6 <= Tag.objects.count() <= 10
    assert (
        User.objects.filter(username__in=["dirk", "emma", "fatima", "gijs", "hanna"]).count() == 5
    )
    assert EmailAddress.objects.filter(user__username="dirk", verified=True).exists()


def test_demo_counters_match_the_rows_and_nobody_votes_on_their_own_post(demo_site):
    assert not QuestionVote.objects.filter(voter=F("question__author")).exists()
    assert not AnswerVote.objects.filter(voter=F("answer__author")).exists()
    for question in Question.objects.all():
        # Counters count public answers; the demo's spam answer is hidden (moderation demo).
        assert question.answer_count == question.answers.filter(status="published").count()
        assert question.score == (question.votes.aggregate(total=Sum("value"))["total"] or 0)
        assert question.last_activity_at >= question.created_at
    for answer in Answer.objects.select_related("question"):
        assert answer.score == (answer.votes.aggregate(total=Sum("value"))["total"] or 0)
        assert answer.created_at >= answer.question.created_at
