from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import selectors
from ..enums import FollowTarget

register = template.Library()


def follow_target_type(target) -> str:
    """Which kind of thing ``target`` is, for the Follow model."""
    from taggit.models import Tag

    from cms.models import ProductPage
    from qa.models import Question

    if isinstance(target, Question):
        return FollowTarget.QUESTION
    if isinstance(target, ProductPage):
        return FollowTarget.PRODUCT
    if isinstance(target, Tag):
        return FollowTarget.TAG
    raise TypeError(f"Cannot follow {type(target).__name__}")


def follow_button_context(*, target_type: str, target, is_following: bool) -> dict:
    """What the follow button shows, for the page and for the fragment htmx swaps in."""
    labels = {
        FollowTarget.QUESTION: (_("Follow this question"), _("Stop following this question")),
        FollowTarget.PRODUCT: (_("Follow this product"), _("Stop following this product")),
        FollowTarget.TAG: (_("Follow this tag"), _("Stop following this tag")),
    }[target_type]
    return {
        "follow_url": reverse(
            "notifications:follow", kwargs={"target_type": target_type, "pk": target.pk}
        ),
        "is_following": is_following,
        "follow_label": labels[0],
        "unfollow_label": labels[1],
    }


@register.inclusion_tag("notifications/includes/follow_button.html", takes_context=True)
def follow_button(context, target):
    """A Follow / Stop following button for a question, product or tag (one query when signed
    in, none for visitors, who are asked to sign in when they press it)."""
    user = context["request"].user
    target_type = follow_target_type(target)
    following = selectors.is_following(user=user, target_type=target_type, target=target)
    return {
        **follow_button_context(target_type=target_type, target=target, is_following=following),
        "csrf_token": context.get("csrf_token"),
    }
