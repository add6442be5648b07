"""``{% member_fragment key "part" %}…{% endmember_fragment %}``: a part of a member's page made
once for every member who sees it alike (see ``page_cache.member_fragment_key``); one key may
serve several parts of the page, each named."""

from django import template
from django.utils.safestring import mark_safe

from ..page_cache import keep_fragment, kept_fragment

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
    bits = token.split_contents()
    if len(bits) != 3 or bits[2][0] not in "'\"" or bits[2][-1] != bits[2][0]:
        message = '{% member_fragment key "part" %} takes a key and a name'
        raise template.TemplateSyntaxError(message)
    nodelist = parser.parse(("endmember_fragment",))
    parser.delete_first_token()
    return MemberFragmentNode(nodelist, parser.compile_filter(bits[1]), bits[2][1:-1])
