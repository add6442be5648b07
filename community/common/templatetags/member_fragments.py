"""``{% member_fragment key "part" %}…{% endmember_fragment %}``: a part of a member's page made
once for every member who sees it alike (see ``page_cache.member_fragment_key``); one key may
serve several parts of the page, each named. ``{% personal_part "template" %}``: a part of the
frame that is each member's own, made for them even on a page kept for many
(``member_pages``)."""

from django import template
from django.utils.safestring import mark_safe

from ..member_pages import PERSONAL_PARTS, makes_personal_marks, personal_mark
from ..page_cache import keep_fragment, kept_fragment
from . import quoted_argument

register = template.Library()


class MemberFragmentNode(template.Node):
    def __init__(self, nodelist, key, part):
        self.nodelist = nodelist
        self.key = key
        self.part = part

    def render(self, context):
        key = self.key.resolve(context)
        request = context.get("request")
        if not key or request is None:
            # No key: the view found this page not the same for other members (staff, the
            # author of something hidden, a form sent back with its errors): made afresh.
            return self.nodelist.render(context)
        key = f"{key}:{self.part}"
        kept = kept_fragment(request, key)
        if kept is not None:
            return mark_safe(kept)  # noqa: S308 (made by our templates, as below)
        content = self.nodelist.render(context)
        keep_fragment(request, key, content)
        return content


@register.tag
def member_fragment(parser, token):
    usage = '{% member_fragment key "part" %} takes a key and a name'
    bits, name = quoted_argument(token, count=3, usage=usage)
    nodelist = parser.parse(("endmember_fragment",))
    parser.delete_first_token()
    return MemberFragmentNode(nodelist, parser.compile_filter(bits[1]), name)


class PersonalPartNode(template.Node):
    def __init__(self, template_name):
        self.template_name = template_name

    def render(self, context):
        if makes_personal_marks(context):
            return mark_safe(personal_mark(self.template_name))  # noqa: S308 (a fixed name)
        part = context.template.engine.get_template(self.template_name)
        with context.push():
            return part.render(context)


@register.tag
def personal_part(parser, token):
    usage = '{% personal_part "template" %} takes one of member_pages.PERSONAL_PARTS'
    _, name = quoted_argument(token, count=2, usage=usage)
    if name not in PERSONAL_PARTS:
        raise template.TemplateSyntaxError(usage)
    return PersonalPartNode(name)
