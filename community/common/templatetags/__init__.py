"""The ground floor's template tags; what their parsing shares is here."""

from django.template import TemplateSyntaxError


def quoted_argument(token, *, count: int, usage: str) -> tuple[list[str], str]:
    """A tag's ``count`` bits (its name first), the last a string literal ("name" or
    'name'): the bits and the literal's text. Anything else is refused, saying ``usage``."""
    bits = token.split_contents()
    last = bits[-1]
    if len(bits) != count or len(last) < 2 or last[0] not in "'\"" or last[-1] != last[0]:
        raise TemplateSyntaxError(usage)
    return bits, last[1:-1]
