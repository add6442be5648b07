from django import template

register = template.Library()


@register.simple_tag
def page_links(page_obj) -> list:
    """The page numbers a pagination shows: first, last, two either side of the current one,
    and the paginator's ellipsis for the gaps. Cheap however many pages there are."""
    return list(
        page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    )
