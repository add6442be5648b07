from django import template
from django.template.loader_tags import BLOCK_CONTEXT_KEY

register = template.Library()


@register.simple_tag(takes_context=True)
def block_again(context, name: str) -> str:
    """Renders this page's block `name` once more, as the page filled it: a layout writes a
    page's heading into its <title> too, so that each page names itself once."""
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = block_context.get_block(name) if block_context else None
    return block.render(context) if block else ""
