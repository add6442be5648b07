"""Readers' "was this helpful?" on knowledge-base articles: one answer per member or session,
with an optional comment after a "no". Recorded by services.article_feedback_record."""

import secrets

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from community.common.models import link, optional_link, unique_where_set


class ArticleFeedbackForm(forms.Form):
    helpful = forms.ChoiceField(choices=[("yes", _("Yes")), ("no", _("No"))])
    comment = forms.CharField(required=False, max_length=300)


class ArticleFeedback(models.Model):
    """One visitor's "was this helpful?" answer on an article: one per member or session."""

    article = link("cms.ArticlePage", _("article"), related_name="feedback")
    helpful = models.BooleanField(_("helpful"))
    comment = models.CharField(_("what was missing"), max_length=300, blank=True)
    user = optional_link(settings.AUTH_USER_MODEL, _("member"))
    # NULL, not "", for members: the per-session unique constraint must ignore them.
    session_key = models.CharField(  # noqa: DJ001
        _("session"), max_length=40, null=True, blank=True
    )
    created_at = models.DateTimeField(_("given"), auto_now_add=True)

    class Meta:
        verbose_name = _("article feedback")
        verbose_name_plural = _("article feedback")
        ordering = ["-created_at"]
        constraints = [
            unique_where_set("article", "user", name="kb_feedback_once_per_member"),
            unique_where_set("article", "session_key", name="kb_feedback_once_per_session"),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(session_key__isnull=False),
                name="kb_feedback_has_visitor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}: {'yes' if self.helpful else 'no'}"


# An anonymous visitor's answers are kept under a random key in this signed cookie, so that
# voting never creates a session row (a stranger could otherwise fill the session table).
VISITOR_COOKIE = "kb_visitor"
VISITOR_COOKIE_SALT = "cms.article_feedback.visitor"
VISITOR_COOKIE_MAX_AGE = 365 * 24 * 3600


def visitor_key(request) -> str | None:
    """The anonymous visitor's key for their feedback: their session's when they have one
    (answers given before the cookie existed), else the cookie's; None before their first."""
    session_key = request.session.session_key if hasattr(request, "session") else None
    return session_key or request.get_signed_cookie(
        VISITOR_COOKIE, default=None, salt=VISITOR_COOKIE_SALT
    )


def new_visitor_key() -> str:
    return secrets.token_urlsafe(24)  # 32 characters; the column holds 40


def remember_visitor(response, key: str) -> None:
    response.set_signed_cookie(
        VISITOR_COOKIE,
        key,
        salt=VISITOR_COOKIE_SALT,
        max_age=VISITOR_COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def article_feedback_for_visitor(*, article, user, session_key):
    """The visitor's own feedback on the article, if they gave it."""
    if user.is_authenticated:
        return ArticleFeedback.objects.filter(article=article, user=user).first()
    if not session_key:
        return None
    return ArticleFeedback.objects.filter(article=article, session_key=session_key).first()
