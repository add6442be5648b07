"""The synonym groups staff maintain (SearchSynonym), applied to a query: which phrases of the
query belong to a group, and what else the group says for them.

The groups are read once and cached; saving or deleting a group forgets the cache (also when
its transaction commits, so a request in between cannot keep the old table).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction

from .models import SearchSynonym

CACHE_KEY = "search:synonym-groups"
CACHE_SECONDS = 600  # other processes with their own local cache see a change within this
MAX_GROUPS_PER_QUERY = 3
MAX_ALTERNATIVES_PER_GROUP = 5


@dataclass(frozen=True)
class SynonymMatch:
    """A phrase found in the query and the other phrases of its group."""

    phrase: str
    alternatives: tuple[str, ...]


def synonym_groups() -> list[tuple[str, ...]]:
    """Every group's phrases (lower case, single spaces), cached."""
    groups = cache.get(CACHE_KEY)
    if groups is None:
        groups = [
            tuple(phrases)
            for group in SearchSynonym.objects.only("phrases")
            if len(phrases := group.phrase_list()) > 1
        ]
        cache.set(CACHE_KEY, groups, CACHE_SECONDS)
    return groups


def _contains_phrase(query: str, phrase: str) -> bool:
    """The phrase as whole words: "bbq" is in "bbq grill" but not in "bbqs" or "abbq"."""
    if phrase not in query:
        return False
    words = (re.escape(word) for word in phrase.split())
    return re.search(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", query) is not None


def synonym_matches(query: str) -> list[SynonymMatch]:
    """The groups a normalised query uses (at most MAX_GROUPS_PER_QUERY), each with its longest
    phrase found in the query and up to MAX_ALTERNATIVES_PER_GROUP phrases it does not contain."""
    if not query:
        return []
    found: list[SynonymMatch] = []
    for phrases in synonym_groups():
        present = [phrase for phrase in phrases if _contains_phrase(query, phrase)]
        if not present:
            continue
        others = tuple(phrase for phrase in phrases if phrase not in present)
        if others:
            phrase = max(present, key=len)
            found.append(SynonymMatch(phrase, others[:MAX_ALTERNATIVES_PER_GROUP]))
        if len(found) == MAX_GROUPS_PER_QUERY:
            break
    return found


def synonyms_forget(**_kwargs) -> None:
    """Connected to SearchSynonym's post_save and post_delete (see apps.py)."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
