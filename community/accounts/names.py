"""Names members cannot take: those that would make them look like the shop's staff.

A display name or a new username is refused when one of its words begins with a reserved
word ("Staff", "Support", "Admin", "Moderator", "Team", "Official", their Dutch
counterparts), or when it holds the shop's name or a staff member's name or username as
whole words. Names are compared as readers see them: case, spaces, punctuation and accents
do not count, and lookalike digits and letters are read as the letters they imitate
("5upp0rt" is "support", "Anna_DeVries" is "Anna de Vries"). Staff may use any name.
"""

from __future__ import annotations

import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import User
from .permissions import is_community_staff

# The username an erased account keeps (community.accounts.deletion), followed by its id;
# nobody can sign up under it, so no one passes for a member who left.
ERASED_USERNAME_PREFIX = "former-member-"

# Words that speak for the shop. Matched at the start of a word, so plurals and compounds
# ("Moderators", "Supportdesk", "Medewerkers") are caught as well.
RESERVED_WORDS = (
    "staff",
    "support",
    "admin",
    "moderator",
    "team",
    "official",
    "officieel",
    "medewerker",
    "klantenservice",
    "beheerder",
)

# Characters that pass for letters. "l" and "1" both read as "i", so that "0ffic1al",
# "officlal" and "official" are one name; Cyrillic and Greek letters that look Latin too.
_LOOKALIKES = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "l": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "х": "x",
        "у": "y",
        "і": "i",
        "ѕ": "s",
        "α": "a",
        "ο": "o",
        "ν": "v",
    }
)
# A new word starts after a lowercase letter followed by a capital ("ShopStaff").
_CAMEL_CASE = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SEPARATORS = re.compile(r"[\W_]+")


def name_words(name: str) -> list[str]:
    """The words of ``name`` as a reader takes them in: lowercase, without accents or
    punctuation, lookalike characters read as the letters they imitate."""
    name = unicodedata.normalize("NFKC", name)
    name = _CAMEL_CASE.sub(" ", name).casefold()
    name = "".join(
        char for char in unicodedata.normalize("NFKD", name) if not unicodedata.combining(char)
    )
    return [word.translate(_LOOKALIKES) for word in _SEPARATORS.split(name) if word]


def _squashed(name: str) -> str:
    return "".join(name_words(name))


def _holds_whole_words(words: list[str], phrase: str) -> bool:
    """Whether ``phrase`` (squashed) is one or more consecutive whole words of ``words``."""
    if not phrase:
        return False
    for start in range(len(words)):
        joined = ""
        for word in words[start:]:
            joined += word
            if joined == phrase:
                return True
            if len(joined) >= len(phrase):
                break
    return False


def name_refusal(name: str, *, user: User | None = None) -> str:
    """Why ``name`` cannot be ``user``'s display name or username ("" when it can): it
    would make them look like the shop's staff. Staff may use any name; ``user`` is None
    for someone signing up."""
    if user is not None and is_community_staff(user):
        return ""
    words = name_words(name)
    if not words:
        return ""
    reserved = {_squashed(word): word for word in RESERVED_WORDS}
    for start in range(len(words)):
        rest = "".join(words[start:])
        for squashed, word in reserved.items():
            if rest.startswith(squashed):
                return _(
                    "Names with “%(word)s” in them are kept for the shop's staff. "
                    "Please choose another name."
                ) % {"word": word}
    if _holds_whole_words(words, _squashed(settings.WAGTAIL_SITE_NAME)):
        return _("The shop's own name is kept for its staff. Please choose another name.")
    if _is_a_staff_name(words):
        return _("This is the name of one of the shop's staff. Please choose another name.")
    return ""


def _is_a_staff_name(words: list[str]) -> bool:
    """Whether the name is a staff member's username or display name, or holds their display
    name of several words ("The real Anna de Vries"). A staff member's single first name
    alone is not everybody else's loss: "Anna Jansen" stays free beside staff "Anna"."""
    whole = "".join(words)
    staff = User.objects.filter(is_staff=True, is_active=True)
    for username, display_name in staff.values_list("username", "display_name"):
        if whole in (_squashed(username), _squashed(display_name)):
            return True
        if len(name_words(display_name)) > 1 and _holds_whole_words(words, _squashed(display_name)):
            return True
    return False


def validate_new_username(username: str) -> None:
    """Sign-up's check of the chosen username (settings.ACCOUNT_USERNAME_VALIDATORS)."""
    refusal = name_refusal(username)
    if refusal:
        raise ValidationError(refusal, code="reserved_name")
    if username.lower().startswith(ERASED_USERNAME_PREFIX.rstrip("-")):
        raise ValidationError(_("This username is not available."), code="reserved_name")


# What allauth checks a new username with: the model's own rules, then ours.
USERNAME_VALIDATORS = [
    *User._meta.get_field("username").validators,
    validate_new_username,
]
