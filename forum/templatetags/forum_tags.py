"""What forum templates ask: the viewer's actions on a post, as forum.permissions decides."""

from django import template

from .. import permissions

register = template.Library()


@register.simple_tag(takes_context=True)
def post_actions(context, post, topic):
    """``{% post_actions post topic as can %}``."""
    request = context.get("request")
    user = request.user if request is not None else context.get("user")
    if user is None:
        return permissions.PostActions()
    return permissions.post_actions(user, post, topic=topic)
