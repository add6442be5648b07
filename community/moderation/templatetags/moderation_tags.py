"""What templates ask moderation: which staff buttons an item gets, whether the viewer may
report it, and how the one moderation form names it. The rules live in ``permissions``."""

from django import template

from .. import permissions, registry, selectors
from ..enums import StaffLabelKind

register = template.Library()


@register.simple_tag(takes_context=True)
def moderation_actions(context, item) -> permissions.ModerationActions:
    """``{% moderation_actions item as actions %}``: the viewer's moderation buttons."""
    request = context.get("request")
    user = request.user if request is not None else context.get("user")
    if user is None:
        return permissions.NO_ACTIONS
    return permissions.moderation_actions(user, item)


@register.filter
def may_report(item, user) -> bool:
    """``{% if item|may_report:user %}``: show the "Report" control."""
    return permissions.shows_report_control(user, item)


@register.filter
def moderation_token(item) -> str:
    """``{{ item|moderation_token }}``: "answer:12", as the moderation form names an item."""
    return registry.token_for(item)


@register.simple_tag
def staff_labels(item) -> list[tuple[str, str, bool]]:
    """``{% staff_labels item as labels %}``: each label staff may set, as (value, name,
    whether the item carries it). Only for the staff's own tools: members never see them."""
    carried = selectors.staff_labels_of(item)
    return [(kind.value, kind.label, kind.value in carried) for kind in StaffLabelKind]
