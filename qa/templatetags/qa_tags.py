from django import template

from .. import permissions

register = template.Library()


@register.filter
def get_item(mapping, key):
    """Look up ``key`` in a dict from a template: ``{{ votes|get_item:answer.pk }}``."""
    if not mapping:
        return None
    return mapping.get(key)


@register.simple_tag(takes_context=True)
def post_actions(context, item, question):
    """``{% post_actions item question as can %}``: what the viewer may do with a question or
    an answer (qa.permissions.post_actions decides)."""
    return permissions.post_actions(_viewer(context), item, question=question)


@register.filter
def deletable_by(item, user) -> bool:
    """``{% if comment|deletable_by:user %}``: whether ``user`` may delete ``item``
    (qa.permissions.check_can_delete decides)."""
    return permissions.allowed(permissions.check_can_delete, user, item)


@register.simple_tag(takes_context=True)
def review_actions(context, review):
    """``{% review_actions review as can %}``: what the viewer may do with a review
    (qa.permissions.review_actions decides)."""
    return permissions.review_actions(_viewer(context), review)


def _viewer(context):
    request = context.get("request")
    return request.user if request is not None else context["user"]


@register.filter
def helpful_markable_by(review, user) -> bool:
    """``{% if review|helpful_markable_by:user %}`` (qa.permissions.check_can_mark_helpful)."""
    return permissions.allowed(permissions.check_can_mark_helpful, user, review)


@register.filter
def review_editable_by(review, user) -> bool:
    """``{% if review|review_editable_by:user %}`` (qa.permissions.check_can_edit_review)."""
    return permissions.allowed(permissions.check_can_edit_review, user, review)


@register.simple_tag(takes_context=True)
def may_vote(context, item, question=None) -> bool:
    """``{% may_vote item question as can_vote_here %}``: whether the viewer may vote on a
    question or an answer (qa.permissions.check_can_vote decides; ``question``, where the
    page has it, spares loading an answer's question again)."""
    return permissions.may_vote(_viewer(context), item, question=question or None)
