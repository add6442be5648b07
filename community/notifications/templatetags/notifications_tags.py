from django import template
from django.urls import reverse

from .. import registry, selectors

register = template.Library()


def follow_button_context(*, target, is_following: bool) -> dict:
    """What the follow button shows, for the page and for the fragment htmx swaps in."""
    followable = registry.follow_target_of(target)
    return {
        "follow_url": reverse(
            "notifications:follow", kwargs={"target_type": followable.key, "pk": target.pk}
        ),
        "is_following": is_following,
        "follow_label": followable.follow_label,
        "unfollow_label": followable.unfollow_label,
    }


@register.inclusion_tag("notifications/includes/follow_button.html", takes_context=True)
def follow_button(context, target, following=None):
    """A Follow / Stop following button for anything an app registered as followable (one
    query when signed in, none for visitors, who are asked to sign in when they press it).
    A page that read the follow with its other marks passes it as ``following``."""
    if following is None:
        following = selectors.is_following(user=context["request"].user, target=target)
    return {
        **follow_button_context(target=target, is_following=following),
        "csrf_token": context.get("csrf_token"),
    }
