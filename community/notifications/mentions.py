"""Finding @username mentions in the Markdown a member wrote."""

from __future__ import annotations

import re

from django.conf import settings
from django.db.models.functions import Lower

from community.accounts.models import User

# Code is quoted text, not a mention: fenced blocks, indented blocks and inline spans go first.
_FENCED_CODE = re.compile(r"^ {0,3}(```|~~~).*?(?:^ {0,3}\1[^\n]*$|\Z)", re.M | re.S)
_INDENTED_CODE = re.compile(r"^(?: {4}|\t)[^\n]*$", re.M)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1", re.S)
# "@name" not glued to a word before it (so e-mail addresses do not count) nor to a slash
# (so links like https://example.com/@name do not either); usernames are letters, digits and
# @ . + - _ as Django allows; a trailing full stop ends the sentence.
_MENTION = re.compile(r"(?<![\w@.+/-])@([\w.+-]{1,150})", re.U)


def mentioned_usernames(text: str) -> list[str]:
    """The distinct usernames mentioned in ``text``, lower-cased, in order of appearance."""
    without_code = _INLINE_CODE.sub(" ", _INDENTED_CODE.sub("", _FENCED_CODE.sub("", text)))
    names: list[str] = []
    for match in _MENTION.finditer(without_code):
        name = match.group(1).rstrip(".-+").lower()
        if name and name not in names:
            names.append(name)
    return names


def mentioned_users(text: str, *, author: User | None = None) -> list[User]:
    """The active members mentioned in ``text``, at most NOTIFICATIONS_MAX_MENTIONS of them.

    Unknown names are ignored, and so is the author mentioning themselves.
    """
    names = mentioned_usernames(text)[: settings.NOTIFICATIONS_MAX_MENTIONS]
    if not names:
        return []
    users = (
        User.objects.annotate(lower_username=Lower("username"))
        .filter(lower_username__in=names, is_active=True)
        .exclude(pk=getattr(author, "pk", None))
    )
    return list(users)
