"""The Insights figures, read from the apps' own rows for one period and set of filters.

Every figure is exact: counts and sums are aggregate queries; medians and 90th percentiles
(``stats``) are taken over the times of the period's rows, which come back in one query per
kind of row (a question's time to its first answer is a subquery, not a query per question).
So a page costs the same number of queries whatever the amount of data; what grows with the
data is the size of those rows, bounded by the period (``INSIGHTS_MAX_PERIOD_DAYS``).

Which rows count: public items (published questions, answers, topics and reviews) made in
the period; a question counts in the week and for the product it was asked in and about.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import TaggedItem

from cms.article_feedback import ArticleFeedback
from cms.catalogue import ProductPage
from cms.knowledge_base import ArticlePage
from community.accounts.models import User
from community.common.periods import Window, week_start
from community.moderation.enums import AuditAction, ContentStatus, FlagResolution, StaffLabelKind
from community.moderation.models import AuditLogEntry, Flag, StaffLabel
from community.moderation.registry import KINDS
from community.search.models import DEFLECTION_GRACE, DeflectionEvent, SearchQueryLog
from forum.models import Topic
from qa.models import Answer, Question, Review
from shop.models import Purchase

from .periods import Filters
from .stats import median, percentile_90, share
from .tables import Column, Table

PUBLISHED = ContentStatus.PUBLISHED
TOP_ROWS = 10
WORKLIST_ROWS = 50
LOW_STARS = 2


# SECTION questions: asked, answered, resolved, and how fast


@dataclass(frozen=True)
class QuestionTimes:
    """One public question of the period, with what the figures need of it."""

    pk: int
    created_at: datetime
    product_id: int | None
    # When its first public answer was written, and whether staff wrote it.
    first_answer_at: datetime | None
    first_answer_by_staff: bool | None
    # When the answer that resolved it (accepted or official, the earlier) was written.
    resolved_at: datetime | None

    @property
    def to_first_answer(self) -> timedelta | None:
        return self.first_answer_at - self.created_at if self.first_answer_at else None

    @property
    def to_resolution(self) -> timedelta | None:
        return self.resolved_at - self.created_at if self.resolved_at else None


def _product_filters(filters: Filters, *, through: str = "product") -> Q:
    condition = Q()
    if filters.product is not None:
        condition &= Q(**{f"{through}__pk": filters.product.pk})
    if filters.category is not None:
        condition &= Q(**{f"{through}__category_id": filters.category.pk})
    return condition


def _public(model, window: Window, filters: Filters) -> QuerySet:
    """The public items of ``model`` (questions, reviews, topics) made in ``window`` that
    match ``filters``; the buying phase is the questions' alone."""
    items = model.objects.filter(_product_filters(filters), window.contains(), status=PUBLISHED)
    if filters.phase and model is Question:
        items = items.filter(phase=filters.phase)
    return items


def public_questions(window: Window, filters: Filters) -> QuerySet[Question]:
    """The public questions asked in ``window`` that match ``filters``."""
    return _public(Question, window, filters)


def question_times(window: Window, filters: Filters) -> list[QuestionTimes]:
    """The period's questions with their answer times: one query."""
    first_answers = Answer.objects.filter(question=OuterRef("pk"), status=PUBLISHED).order_by(
        "created_at", "pk"
    )
    rows = (
        public_questions(window, filters)
        .annotate(
            first_answer_at=Subquery(first_answers.values("created_at")[:1]),
            first_answer_by_staff=Subquery(first_answers.values("author__is_staff")[:1]),
        )
        .values(
            "pk",
            "created_at",
            "product_id",
            "first_answer_at",
            "first_answer_by_staff",
            "accepted_answer__created_at",
            "accepted_answer__status",
            "official_answer__created_at",
            "official_answer__status",
        )
        .order_by("created_at", "pk")
    )
    found = []
    for row in rows:
        resolving = [
            row[f"{mark}_answer__created_at"]
            for mark in ("accepted", "official")
            if row[f"{mark}_answer__status"] == PUBLISHED
        ]
        found.append(
            QuestionTimes(
                pk=row["pk"],
                created_at=row["created_at"],
                product_id=row["product_id"],
                first_answer_at=row["first_answer_at"],
                first_answer_by_staff=row["first_answer_by_staff"],
                resolved_at=min(resolving) if resolving else None,
            )
        )
    return found


@dataclass(frozen=True)
class QuestionFigures:
    """What a set of questions adds up to."""

    asked: int
    answered: int
    resolved: int
    first_answer_median: timedelta | None
    first_answer_p90: timedelta | None
    resolution_median: timedelta | None
    resolution_p90: timedelta | None
    first_answers_by_community: int

    @property
    def answered_share(self) -> float | None:
        return share(self.answered, self.asked)

    @property
    def resolved_share(self) -> float | None:
        return share(self.resolved, self.asked)

    @property
    def community_share(self) -> float | None:
        """Of the questions answered, those whose first answer came from a member, not staff."""
        return share(self.first_answers_by_community, self.answered)


def question_figures(questions: list[QuestionTimes]) -> QuestionFigures:
    to_first = [q.to_first_answer for q in questions if q.first_answer_at]
    to_resolution = [q.to_resolution for q in questions if q.resolved_at]
    return QuestionFigures(
        asked=len(questions),
        answered=len(to_first),
        resolved=len(to_resolution),
        first_answer_median=median(to_first),
        first_answer_p90=percentile_90(to_first),
        resolution_median=median(to_resolution),
        resolution_p90=percentile_90(to_resolution),
        first_answers_by_community=sum(
            1 for q in questions if q.first_answer_at and not q.first_answer_by_staff
        ),
    )


TIME_COLUMNS = [
    Column(_("questions"), "count"),
    Column(_("answered"), "share"),
    Column(_("accepted or official answer"), "share"),
    Column(_("first answer, median"), "duration"),
    Column(_("first answer, 90th percentile"), "duration"),
    Column(_("accepted or official answer, median"), "duration"),
    Column(_("accepted or official answer, 90th percentile"), "duration"),
    Column(_("first answers by the community"), "share"),
]
TIME_DEFINITION = _(
    "Questions: public questions asked in the period. Answered: the share with at least one "
    "public answer. Accepted or official: the share whose asker accepted an answer or staff "
    "marked one official. First answer: the time from the question to its first public "
    "answer; accepted or official answer: to when the answer later accepted or marked "
    "official was written (the earlier of the two). Median: the middle time (halfway between "
    "the two middle ones for an even count); 90th percentile: the smallest time that 90 percent of "
    "the times are at or below. First answers by the community: of the answered questions, "
    "the share whose first answer came from a member rather than staff."
)


def _time_cells(figures: QuestionFigures) -> list:
    return [
        figures.asked,
        figures.answered_share,
        figures.resolved_share,
        figures.first_answer_median,
        figures.first_answer_p90,
        figures.resolution_median,
        figures.resolution_p90,
        figures.community_share,
    ]


def weekly_table(window: Window, questions: list[QuestionTimes]) -> Table:
    by_week: dict = defaultdict(list)
    for question in questions:
        by_week[week_start(timezone.localdate(question.created_at))].append(question)
    return Table(
        key="weeks",
        title=_("Questions per week"),
        definition=_(
            "Weeks start on Monday; the first and last week count only the days inside the period. "
        )
        + TIME_DEFINITION,
        columns=[Column(_("week of"), "date"), *TIME_COLUMNS],
        rows=[
            [monday, *_time_cells(question_figures(by_week[monday]))] for monday in window.weeks()
        ],
        chart=(0, 1),
    )


# SECTION products


@dataclass
class ProductLine:
    pk: int
    title: str = ""
    category: str = ""
    questions: list[QuestionTimes] = field(default_factory=list)
    orders: int = 0
    reviews: int = 0
    rating_total: int = 0
    previous_reviews: int = 0
    previous_rating_total: int = 0
    low_star_reviews: int = 0
    low_star_replied: int = 0
    reply_times: list[timedelta] = field(default_factory=list)

    @property
    def questions_per_100_orders(self) -> float | None:
        return len(self.questions) * 100 / self.orders if self.orders else None

    @property
    def average_rating(self) -> float | None:
        return self.rating_total / self.reviews if self.reviews else None

    @property
    def previous_average_rating(self) -> float | None:
        return self.previous_rating_total / self.previous_reviews if self.previous_reviews else None

    @property
    def rating_change(self) -> float | None:
        if self.average_rating is None or self.previous_average_rating is None:
            return None
        return self.average_rating - self.previous_average_rating


def product_lines(
    window: Window, filters: Filters, questions: list[QuestionTimes]
) -> list[ProductLine]:
    """Every product with questions, orders or reviews in the period: five queries."""
    lines: dict[int, ProductLine] = {}

    def line(pk: int) -> ProductLine:
        return lines.setdefault(pk, ProductLine(pk=pk))

    for question in questions:
        if question.product_id:
            line(question.product_id).questions.append(question)
    orders = (
        Purchase.objects.filter(
            _product_filters(filters), window.contains("ordered_at"), product__isnull=False
        )
        .values("product_id")
        .annotate(orders=Count("order_id", distinct=True))
        .order_by()
    )
    for row in orders:
        line(row["product_id"]).orders = row["orders"]
    for reviews, count, total in (
        (_public(Review, window, filters), "reviews", "rating_total"),
        (_public(Review, window.previous(), filters), "previous_reviews", "previous_rating_total"),
    ):
        for row in reviews.values("product_id").annotate(n=Count("pk"), t=Sum("rating")).order_by():
            setattr(line(row["product_id"]), count, row["n"])
            setattr(line(row["product_id"]), total, row["t"])
    low_stars = _public(Review, window, filters).filter(rating__lte=LOW_STARS)
    for row in low_stars.values("product_id", "created_at", "reply__created_at"):
        product = line(row["product_id"])
        product.low_star_reviews += 1
        if row["reply__created_at"]:
            product.low_star_replied += 1
            product.reply_times.append(row["reply__created_at"] - row["created_at"])
    names = ProductPage.objects.filter(pk__in=list(lines)).values("pk", "title", "category__name")
    for row in names:
        lines[row["pk"]].title = row["title"]
        lines[row["pk"]].category = row["category__name"] or ""
    return sorted(lines.values(), key=lambda p: (-len(p.questions), p.title, p.pk))


def product_questions_table(lines: list[ProductLine]) -> Table:
    return Table(
        key="products",
        title=_("Questions per product"),
        definition=_(
            "Questions about each product in the period, most asked about first. Orders: the "
            "product's distinct order numbers among the purchases imported from the shop, "
            "ordered in the period. Questions per 100 orders: questions × 100 ÷ orders (“—” "
            "when the product had no orders). "
        )
        + TIME_DEFINITION,
        columns=[
            Column(_("product"), "text"),
            Column(_("category"), "text"),
            Column(_("orders"), "count"),
            Column(_("questions per 100 orders"), "rating"),
            *TIME_COLUMNS,
        ],
        rows=[
            [
                p.title,
                p.category,
                p.orders,
                p.questions_per_100_orders,
                *_time_cells(question_figures(p.questions)),
            ]
            for p in lines
        ],
        empty=_("No product had questions, orders or reviews in this period."),
        chart=(0, 4),
    )


def product_reviews_table(lines: list[ProductLine]) -> Table:
    reviewed = sorted(
        (p for p in lines if p.reviews or p.previous_reviews),
        key=lambda p: (-p.reviews, p.title, p.pk),
    )
    return Table(
        key="reviews",
        title=_("Ratings and reviews per product"),
        definition=_(
            "Reviews: public reviews written in the period. Average rating: their stars "
            "added up ÷ their number. Change: the average minus the average of the period of "
            "the same length just before (“—” when either has no reviews). Low-star reviews: "
            "1 or 2 stars; replied: the share of those with a reply from the shop; time to "
            "reply: from the review to the shop's reply, the median."
        ),
        columns=[
            Column(_("product"), "text"),
            Column(_("reviews"), "count"),
            Column(_("average rating"), "rating"),
            Column(_("change"), "change"),
            Column(_("low-star reviews"), "count"),
            Column(_("low-star reviews replied"), "share"),
            Column(_("time to reply, median"), "duration"),
        ],
        rows=[
            [
                p.title,
                p.reviews,
                p.average_rating,
                p.rating_change,
                p.low_star_reviews,
                share(p.low_star_replied, p.low_star_reviews),
                median(p.reply_times),
            ]
            for p in reviewed
        ],
        empty=_("No reviews in this period."),
    )


def tags_table(window: Window, filters: Filters) -> Table:
    rows = (
        TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Question),
            object_id__in=public_questions(window, filters).values("pk"),
        )
        .values("tag__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "tag__name")[:TOP_ROWS]
    )
    return Table(
        key="tags",
        title=_("Most asked-about tags"),
        definition=_("The tags of the period's questions, by how many questions carry them."),
        columns=[Column(_("tag"), "text"), Column(_("questions"), "count")],
        rows=[[row["tag__name"], row["n"]] for row in rows],
        empty=_("No tagged questions in this period."),
        chart=(0, 1),
    )


# SECTION self-service


@dataclass(frozen=True)
class SelfService:
    searches: int
    searches_without_results: int
    searches_without_clicks: int
    suggestions_opened: int
    deflected: int
    questions_asked: int

    @property
    def deflection_rate(self) -> float | None:
        return share(self.deflected, self.deflected + self.questions_asked)


def self_service(
    window: Window, questions_asked: int, *, now: datetime | None = None
) -> SelfService:
    """Searches and suggestions of the period: two queries. The search log keeps no product,
    so the product filters do not apply here."""
    now = now or timezone.now()
    log = SearchQueryLog.objects.filter(day__gte=window.first, day__lte=window.last).aggregate(
        all_searches=Sum("searches", default=0),
        without_results=Sum("searches", filter=Q(result_count=0), default=0),
        without_clicks=Sum("searches", filter=Q(result_count__gt=0, clicks=0), default=0),
    )
    events = DeflectionEvent.objects.filter(window.contains()).aggregate(
        opened=Count("pk"),
        deflected=Count("pk", filter=Q(asked_anyway=False, created_at__lte=now - DEFLECTION_GRACE)),
    )
    return SelfService(
        searches=log["all_searches"],
        searches_without_results=log["without_results"],
        searches_without_clicks=log["without_clicks"],
        suggestions_opened=events["opened"],
        deflected=events["deflected"],
        questions_asked=questions_asked,
    )


def article_helpfulness_table(window: Window, filters: Filters) -> Table:
    feedback = ArticleFeedback.objects.filter(window.contains())
    if filters.product is not None or filters.category is not None:
        articles = ArticlePage.objects.filter(_product_filters(filters, through="products")).values(
            "pk"
        )
        feedback = feedback.filter(article__in=articles)
    rows = list(
        feedback.values("article_id", "article__title")
        .annotate(total=Count("pk"), yes=Count("pk", filter=Q(helpful=True)))
        .order_by()
    )
    rows.sort(key=lambda r: (r["yes"] / r["total"], -r["total"], r["article__title"]))
    return Table(
        key="articles",
        title=_("Article helpfulness"),
        definition=_(
            "Answers to “Was this helpful?” given in the period, per article, least helpful "
            "first. “Yes” share: yes answers ÷ all answers. With a product or category "
            "chosen, the articles about it."
        ),
        columns=[
            Column(_("article"), "text"),
            Column(_("answers"), "count"),
            Column(_("yes"), "count"),
            Column(_("“yes” share"), "share"),
        ],
        rows=[
            [r["article__title"], r["total"], r["yes"], r["yes"] / r["total"]]
            for r in rows[:WORKLIST_ROWS]
        ],
        empty=_("No article feedback in this period."),
    )


# SECTION wishes: what staff labelled


def _labelled(model, window: Window, filters: Filters) -> list[dict]:
    items = _public(model, window, filters)
    item = model.objects.filter(pk=OuterRef("target_id"))
    rows = (
        StaffLabel.objects.filter(
            target_type=ContentType.objects.get_for_model(model),
            target_id__in=items.values("pk"),
        )
        .annotate(
            title=Subquery(item.values("title")[:1]),
            slug=Subquery(item.values("slug")[:1]),
            posted_at=Subquery(item.values("created_at")[:1]),
            product_title=Subquery(item.values("product__title")[:1]),
            category_name=Subquery(item.values("product__category__name")[:1]),
        )
        .values("kind", "target_id", "title", "slug", "posted_at", "product_title", "category_name")
    )
    return [
        {
            **row,
            "url": reverse(
                model.detail_url_name, kwargs={"pk": row["target_id"], "slug": row["slug"]}
            ),
            "model": model,
        }
        for row in rows
    ]


def wishes_tables(window: Window, filters: Filters) -> list[Table]:
    """Labelled questions and topics (topics have no buying phase: a phase filter leaves
    them out): two queries."""
    labelled = _labelled(Question, window, filters)
    if not filters.phase:
        labelled += _labelled(Topic, window, filters)
    definition = _(
        "Public questions and topics posted in the period that staff labelled “Assortment "
        "wish” (the customer wants something the shop does not sell) or “Product problem”, "
        "counted per product and per product category of the post."
    )
    columns = [
        Column(_("assortment wishes"), "count"),
        Column(_("product problems"), "count"),
        Column(_("together"), "count"),
    ]
    tables = []
    for key, title, name_key, none in (
        (
            "wishes-products",
            _("Wishes and problems per product"),
            "product_title",
            _("(no product)"),
        ),
        (
            "wishes-categories",
            _("Wishes and problems per category"),
            "category_name",
            _("(no category)"),
        ),
    ):
        counts: dict[str, Counter] = defaultdict(Counter)
        for row in labelled:
            counts[row[name_key] or str(none)][row["kind"]] += 1
        rows = [
            [name, c[StaffLabelKind.WISH], c[StaffLabelKind.PROBLEM], c.total()]
            for name, c in counts.items()
        ]
        rows.sort(key=lambda r: (-r[3], r[0]))
        tables.append(
            Table(
                key=key,
                title=title,
                definition=definition,
                columns=[Column(_("name"), "text"), *columns],
                rows=rows,
                empty=_("Nothing labelled in this period."),
                chart=(0, 3),
            )
        )
    labelled.sort(key=lambda r: (r["posted_at"], r["target_id"]), reverse=True)
    tables.append(
        Table(
            key="wishes-posts",
            title=_("Labelled posts"),
            definition=_("The labelled posts themselves, newest first (at most %(rows)d).")
            % {"rows": WORKLIST_ROWS},
            columns=[
                Column(_("post"), "link"),
                Column(_("label"), "text"),
                Column(_("product"), "text"),
                Column(_("posted"), "date"),
            ],
            rows=[
                [
                    (row["title"], row["url"]),
                    StaffLabelKind(row["kind"]).label,
                    row["product_title"] or "",
                    timezone.localdate(row["posted_at"]),
                ]
                for row in labelled[:WORKLIST_ROWS]
            ],
            empty=_("Nothing labelled in this period."),
        )
    )
    return tables


# SECTION moderation


def moderation_table(window: Window) -> Table:
    """Reports and held posts; posts of every kind, so the product filters do not apply."""
    flags = Flag.objects.filter(window.contains())
    counts = flags.aggregate(
        reports=Count("pk"),
        handled=Count("pk", filter=Q(resolved_at__isnull=False)),
        upheld=Count("pk", filter=Q(resolution=FlagResolution.UPHELD)),
    )
    decision_times = [
        resolved - created
        for created, resolved in flags.filter(resolved_at__isnull=False).values_list(
            "created_at", "resolved_at"
        )
    ]
    approvals = AuditLogEntry.objects.filter(window.contains(), action=AuditAction.APPROVE).count()
    waiting = sum(
        kind.model.objects.filter(status=ContentStatus.PENDING).count() for kind in KINDS.values()
    )
    return Table(
        key="moderation",
        title=_("Moderation"),
        definition=_(
            "Reports: members' reports made in the period; handled: those a moderator decided "
            "on, upheld: where the moderator agreed and acted. Time to a decision: from the "
            "report to the moderator's decision. Held posts approved: approvals in the "
            "period; waiting now: posts of every kind held for approval at this moment."
        ),
        columns=[
            Column(_("reports"), "count"),
            Column(_("handled"), "count"),
            Column(_("upheld"), "count"),
            Column(_("time to a decision, median"), "duration"),
            Column(_("time to a decision, 90th percentile"), "duration"),
            Column(_("held posts approved"), "count"),
            Column(_("held posts waiting now"), "count"),
        ],
        rows=[
            [
                counts["reports"],
                counts["handled"],
                counts["upheld"],
                median(decision_times),
                percentile_90(decision_times),
                approvals,
                waiting,
            ]
        ],
    )


# SECTION people and the worklist


def helpers_table(window: Window, filters: Filters) -> Table:
    """The members with the most public answers of the period: two queries."""
    answers = Answer.objects.filter(
        _product_filters(filters, through="question__product"),
        window.contains(),
        status=PUBLISHED,
        question__status=PUBLISHED,
    )
    if filters.phase:
        answers = answers.filter(question__phase=filters.phase)
    rows = list(
        answers.values("author_id")
        .annotate(
            answers=Count("pk"),
            resolving=Count(
                "pk",
                filter=Q(question__accepted_answer=F("pk")) | Q(question__official_answer=F("pk")),
            ),
        )
        .order_by("-resolving", "-answers", "author_id")[:TOP_ROWS]
    )
    members = User.objects.in_bulk([row["author_id"] for row in rows])
    return Table(
        key="helpers",
        title=_("Top helpers"),
        definition=_(
            "Members by the answers they wrote in the period that resolved a question "
            "(accepted or official), then by all their public answers of the period."
        ),
        columns=[
            Column(_("member"), "text"),
            Column(_("staff"), "text"),
            Column(_("answers that resolved a question"), "count"),
            Column(_("answers"), "count"),
        ],
        rows=[
            [
                members[row["author_id"]].public_name,
                _("yes") if members[row["author_id"]].is_staff else _("no"),
                row["resolving"],
                row["answers"],
            ]
            for row in rows
        ],
        empty=_("Nobody answered in this period."),
        chart=(0, 3),
    )


def unanswered_questions(filters: Filters, *, now: datetime | None = None) -> QuerySet[Question]:
    """Public, open questions with no public answer, asked more than
    ``INSIGHTS_UNANSWERED_DAYS`` ago, oldest first; whatever the period."""
    now = now or timezone.now()
    questions = Question.objects.filter(
        _product_filters(filters),
        status=PUBLISHED,
        answer_count=0,
        is_locked=False,
        duplicate_of__isnull=True,
        created_at__lt=now - timedelta(days=settings.INSIGHTS_UNANSWERED_DAYS),
    )
    if filters.phase:
        questions = questions.filter(phase=filters.phase)
    return questions.order_by("created_at", "pk")


def unanswered_table(filters: Filters, *, now: datetime | None = None) -> tuple[Table, int]:
    questions = unanswered_questions(filters, now=now)
    total = questions.count()
    rows = questions.values("pk", "slug", "title", "created_at", "product__title")[:WORKLIST_ROWS]
    table = Table(
        key="unanswered",
        title=_("Unanswered questions"),
        definition=_(
            "Public, open questions without a public answer, asked more than %(days)d days "
            "ago, oldest first, whatever the period (at most %(rows)d listed)."
        )
        % {"days": settings.INSIGHTS_UNANSWERED_DAYS, "rows": WORKLIST_ROWS},
        columns=[
            Column(_("question"), "link"),
            Column(_("product"), "text"),
            Column(_("asked"), "date"),
        ],
        rows=[
            [
                (
                    row["title"],
                    reverse("qa:question-detail", kwargs={"pk": row["pk"], "slug": row["slug"]}),
                ),
                row["product__title"] or "",
                timezone.localdate(row["created_at"]),
            ]
            for row in rows
        ],
        empty=_("Every question has an answer."),
    )
    return table, total


# SECTION the whole page


@dataclass(frozen=True)
class Figure:
    label: str
    value: object
    kind: str
    definition: str


@dataclass
class InsightsReport:
    window: Window
    figures: list[Figure]
    tables: dict[str, Table]
    unanswered_total: int


class _Period:
    """What several tables of one period share, each read once and only when one needs it."""

    def __init__(self, window: Window, filters: Filters, now: datetime | None) -> None:
        self.window, self.filters, self.now = window, filters, now

    @cached_property
    def questions(self) -> list[QuestionTimes]:
        return question_times(self.window, self.filters)

    @cached_property
    def product_lines(self) -> list[ProductLine]:
        return product_lines(self.window, self.filters, self.questions)

    @cached_property
    def unanswered(self) -> tuple[Table, int]:
        return unanswered_table(self.filters, now=self.now)


# The page's tables in their order: the keys of the tables each entry makes, and how.
TABLES: list[tuple[tuple[str, ...], Callable[[_Period], list[Table]]]] = [
    (("weeks",), lambda p: [weekly_table(p.window, p.questions)]),
    (("products",), lambda p: [product_questions_table(p.product_lines)]),
    (("reviews",), lambda p: [product_reviews_table(p.product_lines)]),
    (("tags",), lambda p: [tags_table(p.window, p.filters)]),
    (("articles",), lambda p: [article_helpfulness_table(p.window, p.filters)]),
    (
        ("wishes-products", "wishes-categories", "wishes-posts"),
        lambda p: wishes_tables(p.window, p.filters),
    ),
    (("moderation",), lambda p: [moderation_table(p.window)]),
    (("helpers",), lambda p: [helpers_table(p.window, p.filters)]),
    (("unanswered",), lambda p: [p.unanswered[0]]),
]


def insights_table(
    key: str, window: Window, filters: Filters, *, now: datetime | None = None
) -> Table | None:
    """One table of the page (for its CSV download), computing only what that table needs;
    None for a key the page has no table for."""
    period = _Period(window, filters, now)
    for keys, build in TABLES:
        if key in keys:
            return next(table for table in build(period) if table.key == key)
    return None


def insights_report(
    window: Window, filters: Filters, *, now: datetime | None = None
) -> InsightsReport:
    """Everything the Insights page shows for ``window`` and ``filters``."""
    period = _Period(window, filters, now)
    overall = question_figures(period.questions)
    service = self_service(window, overall.asked, now=now)
    tables = [table for _keys, build in TABLES for table in build(period)]
    unanswered_total = period.unanswered[1]
    figures = [
        Figure(
            _("Questions asked"), overall.asked, "count", _("Public questions asked in the period.")
        ),
        Figure(
            _("Answered"),
            overall.answered_share,
            "share",
            _("Share of them with at least one public answer."),
        ),
        Figure(
            _("Accepted or official answer"),
            overall.resolved_share,
            "share",
            _("Share of them whose asker accepted an answer or staff marked one official."),
        ),
        Figure(
            _("Time to first answer, median"),
            overall.first_answer_median,
            "duration",
            _("The middle of the times from a question to its first public answer."),
        ),
        Figure(
            _("Time to first answer, 90th percentile"),
            overall.first_answer_p90,
            "duration",
            _("90 percent of the answered questions got their first answer within this time."),
        ),
        Figure(
            _("Time to accepted or official answer, median"),
            overall.resolution_median,
            "duration",
            _(
                "From the question to when the answer later accepted or marked official was "
                "written."
            ),
        ),
        Figure(
            _("Time to accepted or official answer, 90th percentile"),
            overall.resolution_p90,
            "duration",
            _(
                "90 percent of the resolved questions were resolved by an answer written within "
                "this time."
            ),
        ),
        Figure(
            _("First answers by the community"),
            overall.community_share,
            "share",
            _(
                "Of the answered questions, the share whose first answer came from a member, "
                "not staff."
            ),
        ),
        Figure(
            _("Searches"),
            service.searches,
            "count",
            _("Searches submitted on the site (all products)."),
        ),
        Figure(
            _("Searches with no result"),
            service.searches_without_results,
            "count",
            _("Searches that found nothing."),
        ),
        Figure(
            _("Searches with no result opened"),
            service.searches_without_clicks,
            "count",
            _("Searches that found something, of which nobody opened a result."),
        ),
        Figure(
            _("Suggestions opened while asking"),
            service.suggestions_opened,
            "count",
            _("Suggestions opened from the ask form as a question was typed."),
        ),
        Figure(
            _("Deflection rate"),
            service.deflection_rate,
            "share",
            _(
                "Asks that ended in a suggestion opened and no question posted (after 30 "
                "minutes), as a share of those and the questions posted."
            ),
        ),
        Figure(
            _("Unanswered questions"),
            unanswered_total,
            "count",
            _("Open questions without an answer, older than %(days)d days, now.")
            % {"days": settings.INSIGHTS_UNANSWERED_DAYS},
        ),
    ]
    return InsightsReport(
        window=window,
        figures=figures,
        tables={table.key: table for table in tables},
        unanswered_total=unanswered_total,
    )


# SECTION this week against last week (dashboard panel, weekly e-mail)


@dataclass(frozen=True)
class WeekFigures:
    window: Window
    questions: QuestionFigures
    searches_without_results: int


def week_figures(window: Window) -> WeekFigures:
    """The summary's figures for one week: two queries."""
    no_results = SearchQueryLog.objects.filter(
        day__gte=window.first, day__lte=window.last, result_count=0
    ).aggregate(n=Sum("searches", default=0))["n"]
    return WeekFigures(
        window=window,
        questions=question_figures(question_times(window, Filters())),
        searches_without_results=no_results,
    )


@dataclass(frozen=True)
class WeekComparison:
    this: WeekFigures
    last: WeekFigures
    unanswered: int

    def lines(self) -> list[tuple[str, str, object, object]]:
        """(label, kind, this week, last week) per figure."""
        this, last = self.this, self.last
        return [
            (_("Questions asked"), "count", this.questions.asked, last.questions.asked),
            (_("Answered"), "share", this.questions.answered_share, last.questions.answered_share),
            (
                _("Accepted or official answer"),
                "share",
                this.questions.resolved_share,
                last.questions.resolved_share,
            ),
            (
                _("Time to first answer, median"),
                "duration",
                this.questions.first_answer_median,
                last.questions.first_answer_median,
            ),
            (
                _("Searches with no result"),
                "count",
                this.searches_without_results,
                last.searches_without_results,
            ),
        ]


def week_comparison(monday) -> WeekComparison:
    """The week starting ``monday`` against the one before, and today's unanswered count."""
    return WeekComparison(
        this=week_figures(Window.week_of(monday)),
        last=week_figures(Window.week_of(monday - timedelta(days=7))),
        unanswered=unanswered_questions(Filters()).count(),
    )
