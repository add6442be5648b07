"""Promote to article: staff turn a community answer into a draft knowledge-base article.

The draft keeps a provenance record (question, answer, author), so the published article can
credit the author and link back, and the question can point to the article. Editors find the
answers worth it in the Wagtail admin's "Candidate answers" (``candidate_answers``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, ExpressionWrapper, F, IntegerField, Q, QuerySet, When
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from wagtail.rich_text import RichText

from cms.enums import LAYER_FOR_PHASE, Layer
from cms.knowledge_base import ArticlePage, ArticleProvenance, KnowledgeBaseSectionPage
from community.accounts.models import User
from community.accounts.permissions import check_is_community_staff
from community.common.models import save_checked
from community.moderation.enums import AuditAction, ContentStatus
from community.moderation.services import audit_record
from community.reputation.enums import Badge
from community.reputation.services import badge_award
from qa import notifications as qa_notifications
from qa.reputation import QaEventKind, author_earns

from .models import Answer, Question

# An answer voted up this far is worth an article even when nobody accepted it.
CANDIDATE_MIN_SCORE = 2


def answer_to_promote(question: Question) -> Answer | None:
    """The answer an article is made of by default: accepted, else official, else best voted."""
    for answer_id in (question.accepted_answer_id, question.official_answer_id):
        if answer_id:
            answer = question.answers.filter(pk=answer_id, status=ContentStatus.PUBLISHED).first()
            if answer is not None:
                return answer
    return (
        question.answers.filter(status=ContentStatus.PUBLISHED)
        .order_by("-score", "created_at", "pk")
        .first()
    )


@transaction.atomic
def article_promote_from_answer(*, answer: Answer, staff: User) -> ArticlePage:
    """A draft article in the question's section made of ``answer``; the existing draft if the
    answer was promoted before."""
    check_is_community_staff(staff)
    existing = ArticleProvenance.objects.filter(answer=answer).select_related("article").first()
    if existing is not None:
        return existing.article
    question = answer.question
    if answer.status != ContentStatus.PUBLISHED or question.status != ContentStatus.PUBLISHED:
        raise PermissionDenied(_("Only public answers to public questions can become articles."))
    layer = LAYER_FOR_PHASE.get(question.phase, Layer.AFTER_BUYING)
    section = KnowledgeBaseSectionPage.objects.filter(layer=layer).order_by("path").first()
    if section is None:
        raise ValidationError(
            _("The knowledge base has no section for “%(layer)s” yet.")
            % {"layer": Layer(layer).label}
        )
    author = answer.author
    article = ArticlePage(
        title=question.title[:255],
        slug=_free_slug(section, slugify(question.title)[:70] or "article"),
        summary=_summary(question, answer),
        body=[("paragraph", RichText(answer.body_rendered))],
        live=False,
        owner=staff,
    )
    if question.product_id:
        article.products = [question.product]
    article.tags.set(list(question.tags.all()))
    section.add_child(instance=article)
    article.save_revision(user=staff, log_action=True)
    provenance = ArticleProvenance(
        article=article,
        question=question,
        answer=answer,
        community_author=author,
        credit_name=author.public_name[:60],
        created_by=staff,
    )
    save_checked(provenance)
    audit_record(
        actor=staff,
        action=AuditAction.PROMOTE,
        target=answer,
        reason=_("Draft article “%(title)s”") % {"title": article.title},
    )
    author_earns(QaEventKind.ANSWER_PROMOTED, answer, actor=staff, product_id=question.product_id)
    badge_award(user=author, badge=Badge.PROMOTED_TO_ARTICLE)
    qa_notifications.answer_promoted(answer, article=article, by=staff)
    return article


def _summary(question: Question, answer: Answer) -> str:
    text = " ".join(strip_tags(answer.body_rendered).split())
    return Truncator(text).chars(300)


def _free_slug(section: KnowledgeBaseSectionPage, base: str) -> str:
    taken = set(section.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def candidate_answers() -> QuerySet:
    """Public answers worth an article, not yet promoted: official, then accepted, then score."""
    candidate = Q(question__accepted_answer=F("pk")) | Q(question__official_answer=F("pk"))
    candidate |= Q(score__gte=CANDIDATE_MIN_SCORE)
    return (
        Answer.objects.filter(
            candidate,
            status=ContentStatus.PUBLISHED,
            question__status=ContentStatus.PUBLISHED,
            article_provenance__isnull=True,
        )
        .select_related("question", "author")
        .annotate(
            is_official=ExpressionWrapper(
                Case(When(question__official_answer=F("pk"), then=1), default=0),
                output_field=IntegerField(),
            ),
            is_accepted=ExpressionWrapper(
                Case(When(question__accepted_answer=F("pk"), then=1), default=0),
                output_field=IntegerField(),
            ),
        )
        .order_by("-is_official", "-is_accepted", "-score", "-created_at", "-pk")
    )
