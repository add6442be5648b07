"""The page that lists a post's versions, for the apps' history views."""

from django.shortcuts import render

from .selectors import revision_history


def history_page(request, template_name: str, item, **context):
    """Render ``template_name`` with ``item``, its versions (``history``) and ``context``;
    the caller has checked that the viewer may see ``item``."""
    return render(
        request, template_name, {"item": item, **context, "history": revision_history(item)}
    )
