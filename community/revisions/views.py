"""What the apps' edit and history views share: saving an edit, and the page that lists a
post's versions."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _

from community.moderation.trust import thank_for_post

from .selectors import revision_history


def history_page(request, template_name: str, item, **context):
    """Render ``template_name`` with ``item``, its versions (``history``) and ``context``;
    the caller has checked that the viewer may see ``item``."""
    return render(
        request, template_name, {"item": item, **context, "history": revision_history(item)}
    )


def edit_saved(request, form, edit):
    """Run ``edit`` (a service call that saves a member's edit) and confirm it; returns what
    it returned, or None when it refused, with the reason on ``form``."""
    try:
        edited = edit()
    except ValidationError as error:
        form.add_error(None, error)
        return None
    # An edit the trust rules held sent the post back to the queue: say so.
    thank_for_post(request, edited, _("Your changes are saved."))
    return edited
