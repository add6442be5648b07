"""Names and posts in the reader's language: ``{% tag_name tag %}``, and
``{% written_in post %}``, the label of a post written in another language."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import get_language_info

from community.common.models import TagName, language_now

register = template.Library()

# Each label in its own language (like the language switch's names), for a reader who may
# read that language but not the page's: "In het Nederlands" on a Dutch answer.
WRITTEN_IN = {"en": "In English", "nl": "In het Nederlands"}


@register.simple_tag(takes_context=True)
def tag_name(context, tag) -> str:
    """The tag's name in the active language (``tag``: a tag, or anything with its ``slug``
    and ``name``): the names of every tag in that language are read once per request, in one
    query, when the page shows a tag to a reader of another language than the default."""
    language = language_now()
    if language == settings.LANGUAGE_CODE:
        return tag.name  # tags are made in the site's default language
    request = context.get("request")
    names = getattr(request, "_tag_names", {}).get(language) if request is not None else None
    if names is None:
        names = dict(TagName.objects.filter(language=language).values_list("tag__slug", "name"))
        if request is not None:
            request._tag_names = {**getattr(request, "_tag_names", {}), language: names}
    return names.get(tag.slug, tag.name)


@register.simple_tag
def written_in(post) -> str:
    """A small "In English" label when ``post`` is in another language than the page's."""
    language = getattr(post, "language", "")
    if not language or language == language_now():
        return ""
    label = WRITTEN_IN.get(language) or get_language_info(language)["name_local"]
    return render_to_string("includes/written_in.html", {"language": language, "label": label})


@register.filter
def other_language(post) -> str:
    """The post's language when it is not the page's (for its ``lang`` attribute), else ""."""
    language = getattr(post, "language", "")
    return "" if language == language_now() else language
