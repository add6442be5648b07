from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from community.common.models import NewestFirst, member_link, optional_link

from .enums import (
    AppealOutcome,
    AuditAction,
    ContentStatus,
    DecisionGround,
    DecisionType,
    FlagReason,
    FlagResolution,
    NoticeResolution,
    StaffLabelKind,
)


class ModeratedContent(models.Model):
    """Base for every kind of post: a status instead of deletion, so nothing is lost."""

    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ContentStatus.choices,
        default=ContentStatus.PUBLISHED,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    status_changed_by = optional_link(settings.AUTH_USER_MODEL, _("status changed by"))
    status_reason = models.CharField(
        _("reason"),
        max_length=300,
        blank=True,
        help_text=_("Why it was hidden; the author sees this."),
    )

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == ContentStatus.PUBLISHED


class Thread:
    """Mixin for moderated content that opens a thread under a title (a question, a forum
    topic): shown by its title, found at the URL named ``detail_url_name`` with its pk and
    slug, and searched with the published text of its replies (``replies_name``, the related
    name of its answers or posts). Listed before the model bases, so its ``__str__`` replaces
    Model's."""

    detail_url_name: str
    replies_name: str

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(self.detail_url_name, kwargs={"pk": self.pk, "slug": self.slug})

    def replies_search_text(self) -> str:
        """The published replies' text, one after the other, for the search index (the
        thread is indexed again whenever one of its replies is saved)."""
        if not self.pk:
            return ""
        replies = getattr(self, self.replies_name).filter(status=ContentStatus.PUBLISHED)
        return "\n".join(replies.values_list("body", flat=True))


def thread_search_fields(*searched: str, filtered: tuple[str, ...] = ()) -> list:
    """A thread's site-search fields: the title counts most and completes as typed, the
    ``searched`` texts and then its replies' text after it; results are filtered by status
    and product, and ``filtered``."""
    return [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        *(index.SearchField(name) for name in searched),
        index.SearchField("replies_search_text"),
        index.FilterField("status"),
        index.FilterField("product"),
        *(index.FilterField(name) for name in filtered),
    ]


class AuditLogEntry(models.Model):
    """One staff action: who did what to which item, when and why."""

    actor = optional_link(
        settings.AUTH_USER_MODEL, _("staff member"), related_name="audit_log_entries", blank=False
    )
    action = models.CharField(_("action"), max_length=32, choices=AuditAction.choices)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    target_repr = models.CharField(_("item"), max_length=200)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"{self.actor} {self.get_action_display()} {self.target_repr}"


class Flag(models.Model):
    """A member's report that a post or review breaks the rules; one per member per item.

    ``weight`` is fixed when the flag is raised (trusted members weigh more), so that later
    changes in the flagger's reputation do not move the auto-hide sum of an open case.
    """

    flagger = member_link(_("reported by"), related_name="flags")
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    reason = models.CharField(_("reason"), max_length=20, choices=FlagReason.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True, db_index=True)
    resolved_at = models.DateTimeField(_("handled"), null=True, blank=True)
    resolved_by = optional_link(settings.AUTH_USER_MODEL, _("handled by"))
    resolution = models.CharField(
        _("outcome"), max_length=12, choices=FlagResolution.choices, blank=True
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["flagger", "target_type", "target_id"], name="moderation_one_flag_per_item"
            )
        ]
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="flag_target_idx"),
            models.Index(fields=["resolved_at", "created_at"], name="flag_open_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.target_type_id}:{self.target_id})"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.reason == FlagReason.OTHER and not self.note.strip():
            raise ValidationError({"note": _("Please say in a few words what is wrong.")})

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class MemberWarning(NewestFirst):
    """A formal warning from staff; the member sees it on every page until they acknowledge it."""

    user = member_link(_("member"), related_name="moderation_warnings")
    issued_by = optional_link(settings.AUTH_USER_MODEL, _("staff member"), blank=False)
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(_("warned"), auto_now_add=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)

    class Meta(NewestFirst.Meta):
        verbose_name = _("warning")
        verbose_name_plural = _("warnings")
        indexes = [models.Index(fields=["user", "acknowledged_at"], name="warning_open_idx")]

    def __str__(self) -> str:
        return f"{self.user} — {self.reason}"


class IllegalContentNotice(models.Model):
    """Someone's notice that a public post is illegal (the Digital Services Act's notice and
    action): anyone may send one, signed in or not; it reaches the queue until staff decide.

    The sender hears of it by notification when signed in, else by e-mail when they gave an
    address: a confirmation at once, and the decision when they asked for it. The ``mail_``
    fields are that e-mail's outbox (``community.notifications.mail.Outbox``): it holds the
    one letter due now, the confirmation and then the decision.
    """

    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    target_repr = models.CharField(_("item"), max_length=200)
    sender = optional_link(settings.AUTH_USER_MODEL, _("sent by"), related_name="+")
    email = models.EmailField(_("contact e-mail address"), blank=True)
    wants_decision = models.BooleanField(_("asked to hear the decision"), default=False)
    explanation = models.TextField(_("why it is illegal"), max_length=3000)
    law = models.CharField(_("law or rule"), max_length=300, blank=True)
    good_faith = models.BooleanField(_("declared in good faith"), default=False)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    resolved_at = models.DateTimeField(_("decided"), null=True, blank=True)
    resolved_by = optional_link(settings.AUTH_USER_MODEL, _("decided by"))
    resolution = models.CharField(
        _("outcome"), max_length=12, choices=NoticeResolution.choices, blank=True
    )
    mailed_at = models.DateTimeField(null=True, blank=True, editable=False)
    mail_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    mail_attempts = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("notice of illegal content")
        verbose_name_plural = _("notices of illegal content")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="notice_target_idx"),
            models.Index(fields=["resolved_at", "created_at"], name="notice_open_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.target_repr} ({self.created_at:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class DecisionStatement(NewestFirst):
    """The statement of reasons for one decision that restricts a member's content or account:
    what was decided, the facts (the reason the member reads), whether a rule decided it
    automatically, the rule or law it relies on, and (through its page) how to object.

    ``target`` is the post for decisions about content, the warning for a warning and the
    member for a suspension. ``reported_at`` is when the earliest open report or notice that
    led to the decision arrived (for the transparency report's time to decision).
    """

    member = member_link(_("member"), related_name="decision_statements")
    decision = models.CharField(_("decision"), max_length=12, choices=DecisionType.choices)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    target_repr = models.CharField(_("item"), max_length=200)
    facts = models.CharField(_("facts and circumstances"), max_length=1000)
    ground = models.CharField(
        _("rule or law relied on"), max_length=20, choices=DecisionGround.choices
    )
    ground_detail = models.CharField(_("rule or law, in detail"), max_length=300, blank=True)
    automated = models.BooleanField(_("decided automatically"), default=False)
    decided_by = optional_link(settings.AUTH_USER_MODEL, _("decided by"))
    prompted_by_notice = models.BooleanField(_("after a notice of illegal content"), default=False)
    reported_at = models.DateTimeField(_("first reported"), null=True, blank=True)
    created_at = models.DateTimeField(_("decided"), default=timezone.now, db_index=True)

    class Meta(NewestFirst.Meta):
        verbose_name = _("statement of reasons")
        verbose_name_plural = _("statements of reasons")
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="statement_target_idx"),
            models.Index(fields=["member", "created_at"], name="statement_member_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.target_repr}"

    def get_absolute_url(self) -> str:
        return reverse("moderation:decision", kwargs={"pk": self.pk})


class Appeal(models.Model):
    """A member's objection to one decision (at most one per decision), decided by a staff
    member other than the one who made the decision."""

    statement = models.OneToOneField(
        DecisionStatement,
        verbose_name=_("decision"),
        on_delete=models.CASCADE,
        related_name="appeal",
    )
    member = member_link(_("member"), related_name="appeals")
    text = models.TextField(_("objection"), max_length=3000)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = optional_link(settings.AUTH_USER_MODEL, _("decided by"))
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=AppealOutcome.choices, blank=True
    )
    outcome_reason = models.CharField(_("why"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["decided_at", "created_at"], name="appeal_open_idx")]

    def __str__(self) -> str:
        return f"{self.member} — {self.statement}"

    @property
    def is_open(self) -> bool:
        return self.decided_at is None


class StaffLabel(models.Model):
    """A staff-only note on a post: a customer wishes the shop sold something, or reports a
    problem with a product. Only kinds registered with ``labels=True`` take them; members
    never see them. One row per item and label."""

    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    kind = models.CharField(_("label"), max_length=12, choices=StaffLabelKind.choices)
    labelled_by = optional_link(settings.AUTH_USER_MODEL, _("labelled by"))
    created_at = models.DateTimeField(_("labelled"), auto_now_add=True)

    class Meta:
        verbose_name = _("staff label")
        verbose_name_plural = _("staff labels")
        constraints = [
            models.UniqueConstraint(
                fields=["target_type", "target_id", "kind"], name="moderation_label_once"
            )
        ]
        indexes = [models.Index(fields=["target_type", "target_id"], name="label_target_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.target_type_id}:{self.target_id})"
