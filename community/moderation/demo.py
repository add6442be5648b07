"""Demo moderation: reports waiting in the queue, a new member's held first post, a spam
answer hidden and its author suspended, and a warning, all through the real services (so
the audit trail and the reputation that follow are computed, not typed in)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from community.accounts.demo import DemoAccount, member_ensure
from community.accounts.models import User

from . import services
from .enums import ContentStatus, FlagReason
from .models import Flag, MemberWarning
from .trust import trust_rules

NEWCOMER = DemoAccount(_("Customer"), "nina", "Nina Bakker", "Just bought my first pan here.")
SPAMMER = DemoAccount(_("Customer"), "dealhunter", "Deal Hunter", "")


@transaction.atomic
def seed(stdout) -> None:
    from forum.models import Post
    from qa import services as qa_services
    from qa.enums import Phase
    from qa.models import Answer, Question

    staff = User.objects.get(username="sam")
    member_ensure(NEWCOMER)
    member_ensure(SPAMMER)
    newcomer = User.objects.get(username=NEWCOMER.username)
    spammer = User.objects.get(username=SPAMMER.username)
    public_questions = Question.objects.filter(status=ContentStatus.PUBLISHED).order_by("pk")

    # The trust rules are on for these two, as for any new member: both posts are held.
    with trust_rules(enabled=True):
        if not Question.objects.filter(author=newcomer).exists():
            qa_services.question_create(
                author=newcomer,
                title="Can I use the cast-iron skillet on an induction hob?",
                body="My new kitchen has induction. Does the skillet work on it, and does it "
                "scratch the glass?",
                phase=Phase.BEFORE_PURCHASE,
            )
        spam_question = public_questions.first()
        if spam_question and not Answer.objects.filter(author=spammer).exists():
            spam = qa_services.answer_create(
                question=spam_question,
                author=spammer,
                body="Cheapest pans on the internet!!! Visit https://best-pan-deals.biz today",
            )
            services.content_hide(
                item=spam, staff=staff, reason=_("Advertising for another shop."), as_spam=True
            )
            services.user_suspend(
                user=spammer,
                staff=staff,
                days=30,
                reason=_("Advertising for another shop in answers."),
            )

    reports = [
        (
            "carla",
            Answer.objects.filter(status=ContentStatus.PUBLISHED).exclude(
                author__username__in=("carla", "sam")
            ),
            FlagReason.WRONG_INFORMATION,
            _("The manual says 260 °C, not 300 °C."),
        ),
        (
            "anna",
            Post.objects.filter(status=ContentStatus.PUBLISHED).exclude(
                author__username__in=("anna", "sam")
            ),
            FlagReason.OFF_TOPIC,
            "",
        ),
    ]
    flagged = 0
    for username, candidates, reason, note in reports:
        flagger = User.objects.filter(username=username).first()
        target = candidates.order_by("-pk").first()
        if flagger is None or target is None or Flag.objects.filter(flagger=flagger).exists():
            continue
        try:
            services.flag_create(flagger=flagger, target=target, reason=reason, note=note)
        except PermissionDenied:
            continue
        flagged += 1

    warned = User.objects.filter(username="bram").first()
    if warned and not MemberWarning.objects.filter(user=warned).exists():
        services.user_warn(
            user=warned,
            staff=staff,
            reason=_("Please keep prices of other shops out of your answers."),
        )
    stdout.write(f"Moderation: {flagged} new reports, a held first post, a suspended spammer.")
