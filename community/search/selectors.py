"""Reads for site search: one ranked list over every kind of public content the apps register
(articles, FAQ, products, questions, topics; see registry.py).

Every public item has a search document (documents.py): its title and text as stems of its
language. A query's words are reduced the same way, stop words dropped, each word searched as
its English and its Dutch stem (text.py), so "rusty", "rusting" and "rust" meet. One query
matches the documents of every kind at once, each kind narrowed to a product or a phase inside
it (matching.py). The matches are then loaded through each kind's public rows, so hidden, held,
deleted and draft content never comes back, not even from a document not yet refreshed; and
ranked here: the match's relevance among the items of its kind (its score times the share of
the query's words it has), times a weight for the kind of content (official articles and
answered questions first, a source's own boost on top), times a bonus for query words in the
title, and a little more for an item in the language the site is read in.

A phrase of one of the synonym groups staff maintain (synonyms.py) also searches the group's
other phrases, and a word no public title has, which may be misspelt, also searches the title
words one edit away from it (two for a long word); what those find counts for less than the
customer's own words, so exact wording ranks first. When the customer's own words find almost
nothing, the page says which corrected words it shows results for.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from community.common.models import language_now

from . import matching, registry, text
from .models import DEFLECTION_GRACE, DeflectionEvent, SearchDocument, SearchQueryLog
from .synonyms import synonym_matches

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
PER_TYPE_LIMIT = 100
SUGGESTION_LIMIT = 5
MAX_TERM_LENGTH = 40

# Words that carry no meaning in a search, in either of the site's languages: never searched
# for, never highlighted.
STOP_WORDS = text.QUERY_STOP_WORDS

TITLE_MATCH_BONUS = 1.5  # multiplied by the share of the query's words found in the title
# What a synonym or a correction finds counts this much of what the query's own words find:
# in the match's score, and for a title that has it instead of the query's word.
SYNONYM_WEIGHT = 0.5
SYNONYM_TITLE_CREDIT = 0.75
# An item in the language the member reads the site in counts this much more: reading in
# Dutch, the Dutch answer comes before the English one that matches as well (a product word
# is the same in both: "barbecue", "inductie" and "induction" share a stem).
READERS_LANGUAGE_BOOST = 1.2
# When the query's own words find fewer items than this, the page names the corrected query.
CORRECTION_SHOWN_BELOW = 3
# A document not refreshed yet may name an item that is no longer public; a few more matches
# than needed are read, so that such an item does not cost a place.
STALE_ALLOWANCE = 10


@dataclass(frozen=True)
class SynonymUse:
    """A phrase of the query and what else it may be written as (one synonym group, or the
    close spellings of a word that may be misspelt)."""

    terms: tuple[str, ...]  # the query's words the phrase stands for
    alternatives: tuple[tuple[str, ...], ...]  # each alternative's words: all of them must match


@dataclass
class SearchHit:
    kind: str
    obj: object  # None for a hit of a kept ranking until it is loaded (prepare_hits)
    score: float
    title: str = ""
    url: str = ""
    snippet: SafeString | str = ""
    resolved: bool = False
    link: str = ""  # through the click counter
    pk: int | None = None  # the item's primary key (its obj's, when it has one)

    def __post_init__(self):
        if self.pk is None and self.obj is not None:
            self.pk = self.obj.pk

    @property
    def kind_label(self):
        return registry.search_source(self.kind).label


@dataclass
class SearchOutcome:
    """What a search found, and why it found nothing when it did."""

    query: str  # normalised: lower case, single spaces, at most MAX_QUERY_LENGTH characters
    terms: list[str] = field(default_factory=list)
    hits: list[SearchHit] = field(default_factory=list)
    corrected_query: str = ""  # "did you mean": the results are for this query instead
    empty_reason: str = ""  # "empty", "stop_words" or "" when there were words to search for
    synonyms: list[SynonymUse] = field(default_factory=list)
    corrections: list[SynonymUse] = field(default_factory=list)  # close spellings searched too

    @property
    def marked_terms(self) -> list[str]:
        """The words to highlight in snippets: the query's, its one-word synonyms and its
        words' corrections (a word of a longer synonym on its own, "back" of "send back", is
        not what was meant)."""
        words = list(self.terms)
        for use in [*self.synonyms, *self.corrections]:
            words += [a[0] for a in use.alternatives if len(a) == 1 and a[0] not in words]
        return words

    @property
    def count(self) -> int:
        return len(self.hits)


def normalise_query(raw: str | None) -> str:
    """Lower case, whitespace collapsed, control characters dropped, at most 200 characters."""
    text_ = "".join(ch if ch.isprintable() else " " for ch in (raw or "")[: MAX_QUERY_LENGTH * 4])
    return " ".join(text_.lower().split())[:MAX_QUERY_LENGTH].strip()


def query_terms(query: str) -> list[str]:
    """The searchable words of a normalised query: no symbols, no stop words, no repeats, no
    single letters."""
    terms: list[str] = []
    for word in text.WORD.findall(query):
        word = word[:MAX_TERM_LENGTH]
        if (len(word) > 1 or word.isdigit()) and word not in STOP_WORDS and word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


def query_synonyms(query: str) -> list[SynonymUse]:
    """The synonym groups the normalised query uses, as words to search for."""
    uses = []
    for match in synonym_matches(query):
        alternatives = tuple(
            words for phrase in match.alternatives if (words := tuple(query_terms(phrase)))
        )
        if alternatives:
            uses.append(SynonymUse(tuple(query_terms(match.phrase)), alternatives))
    return uses


# A clause is a word or a tuple of words that must all be found.
Clause = str | tuple[str, ...]


def _clause_words(clause: Clause) -> tuple[str, ...]:
    return (clause,) if isinstance(clause, str) else clause


def _match_clauses(clauses: list[Clause]) -> list[matching.Clause]:
    """Each word of each clause as the stems it is searched as."""
    return [tuple(text.query_stems(word) for word in _clause_words(c)) for c in clauses]


def kind_choices() -> list[tuple[str, str]]:
    """The kinds of content one can search for, as (kind, label) pairs for the type filter."""
    return [(source.kind, source.label) for source in registry.search_sources()]


def _candidate_querysets(*, kind: str, product_id: int | None, phase: str) -> dict:
    """The public queryset of each kind to search in, with the filters applied, and whether
    a filter narrowed it: kind -> (queryset, narrowed)."""
    wanted = {}
    for source in registry.search_sources():
        if kind not in ("", source.kind):
            continue
        items = source.public_items()
        if product_id:
            if source.product_filter is None:
                continue
            items = source.product_filter(items, product_id)
        if phase:
            items = source.phase_filter(items, phase) if source.phase_filter else None
            if items is None:
                continue
        wanted[source.kind] = (items, bool(product_id or phase))
    return wanted


def _for_ranking(items):
    """The items as ranking needs them: a page's StreamFields (parsing them is most of the
    time a search takes) are left out; the hits shown are loaded in full (prepare_hits)."""
    return items.defer_streamfields() if hasattr(items, "defer_streamfields") else items


def _title_share(title: frozenset[str], terms: list[str], synonyms: list[SynonymUse] = ()) -> float:
    """The share of the query's words in the title (its stems); a word whose phrase the title
    says with a synonym or a corrected spelling counts SYNONYM_TITLE_CREDIT."""
    if not terms:
        return 0.0

    def in_title(term: str) -> bool:
        stems = text.query_stems(term)
        return any(stem in title for stem in stems) or any(
            len(stem) >= 4 and word.startswith(stem) for stem in stems for word in title
        )

    said_otherwise = {
        term
        for use in synonyms
        if any(all(in_title(word) for word in alternative) for alternative in use.alternatives)
        for term in use.terms
    }
    matched = 0.0
    for term in terms:
        if in_title(term):
            matched += 1
        elif term in said_otherwise:
            matched += SYNONYM_TITLE_CREDIT
    return matched / len(terms)


@dataclass(frozen=True)
class _Found:
    """A document's match for the whole search: its score (the query's own words and, at
    SYNONYM_WEIGHT, its synonyms and corrections) and the share of the query's words it has."""

    object_id: int
    score: float
    title: frozenset[str]
    coverage: float
    language: str


def _merged(
    terms: list[str],
    found: list[matching.Match],
    alternatives: list[tuple[str, ...]],
    through_alternatives: list[matching.Match],
    limit: int,
) -> list[_Found]:
    """What the query's words found plus SYNONYM_WEIGHT of what its synonyms (and corrected
    spellings) found, each match with its coverage: the query's words it has, a word it says
    with a synonym or a corrected spelling (``alternatives``: the query's words each of those
    clauses stands for) counting SYNONYM_TITLE_CREDIT. The two searches' scores are on
    different scales (PostgreSQL ranks a match of all words of one phrase far above a match of
    some words of many), so each counts relative to its best."""
    scores: dict[int, list] = {}
    for weight, matches in ((1.0, found), (SYNONYM_WEIGHT, through_alternatives)):
        best = max((match.score for match in matches), default=0.0) or 1.0
        for match in matches:
            entry = scores.setdefault(match.object_id, [match, 0.0, set(), set()])
            entry[1] += weight * match.score / best
            if matches is found:
                entry[2] |= {terms[i] for i in match.clauses}
            else:
                entry[3] |= {term for i in match.clauses for term in alternatives[i]}
    merged = []
    for match, score, own, other in scores.values():
        credit = sum(
            1.0 if term in own else SYNONYM_TITLE_CREDIT if term in other else 0.0 for term in terms
        )
        merged.append(
            _Found(match.object_id, score, match.title, credit / len(terms), match.language)
        )
    merged.sort(key=lambda found: (-found.score, found.object_id))
    return merged[:limit]


def _within_kind(match: _Found) -> float:
    """How well the item matches among the items of its kind: its score times the share of
    the query's words it has, so that an item with some of them ranks below one with all."""
    return match.score * match.coverage


def _run(
    terms: list[str],
    *,
    kind: str,
    product_id: int | None,
    phase: str,
    alternatives: list[SynonymUse] = (),
    per_kind_limit: int = PER_TYPE_LIMIT,
    language: str = "",
) -> tuple[list[SearchHit], int]:
    """The ranked hits, and how many items the query's own words matched (without synonyms
    and corrections)."""
    wanted = _candidate_querysets(kind=kind, product_id=product_id, phase=phase)
    scopes = {k: items if narrowed else None for k, (items, narrowed) in wanted.items()}
    fetched = per_kind_limit + STALE_ALLOWANCE
    every_kind = len(scopes) == len(registry.search_sources())
    found = matching.ranked_matches(_match_clauses(terms), scopes, fetched, every_kind=every_kind)
    own_matches = sum(len(matches) for matches in found.values())
    other_clauses = [clause for use in alternatives for clause in use.alternatives]
    stands_for = [use.terms for use in alternatives for _clause in use.alternatives]
    through = {}
    if other_clauses:
        through = matching.ranked_matches(
            _match_clauses(other_clauses), scopes, fetched, every_kind=every_kind
        )
    hits: list[SearchHit] = []
    for hit_kind, (items, _narrowed) in wanted.items():
        if not found.get(hit_kind) and not through.get(hit_kind):
            continue
        matches = _merged(
            terms, found.get(hit_kind, []), stands_for, through.get(hit_kind, []), fetched
        )
        objects = _for_ranking(items).in_bulk([match.object_id for match in matches])
        matches = [match for match in matches if match.object_id in objects][:per_kind_limit]
        if not matches:
            continue
        # Scores are comparable within one kind only; scale each kind to 0..1 by its best.
        # Within a kind, an item with fewer of the query's words counts for less; between
        # kinds, the kind's weight decides (the best article and the best question both
        # count in full).
        best = max(_within_kind(match) for match in matches) or 1.0
        source = registry.search_source(hit_kind)
        for match in matches:
            obj = objects[match.object_id]
            hit = SearchHit(kind=hit_kind, obj=obj, score=0.0, title=source.title(obj))
            weight = source.weight
            if source.resolved is not None:
                hit.resolved = source.resolved(obj)
            if source.boost is not None:
                weight *= source.boost(obj)
            relevance = 0.5 + 0.5 * (_within_kind(match) / best)
            title_bonus = 1 + TITLE_MATCH_BONUS * _title_share(match.title, terms, alternatives)
            if match.language == language:
                weight *= READERS_LANGUAGE_BOOST
            hit.score = relevance * weight * title_bonus
            hits.append(hit)
    hits.sort(key=lambda hit: (-hit.score, hit.title))
    return hits, own_matches


def search_everything(
    raw_query: str | None,
    *,
    kind: str = "",
    product_id: int | None = None,
    phase: str = "",
    per_kind_limit: int = PER_TYPE_LIMIT,
    language: str | None = None,
) -> SearchOutcome:
    """Search every public kind of content; the hits come ranked, best first. Each kind offers
    its ``per_kind_limit`` best matches to the ranking (fewer is faster, for a short list).
    Items in ``language`` (by default the language the site is read in) rank a little higher."""
    query = normalise_query(raw_query)
    outcome = SearchOutcome(query=query)
    if not query:
        outcome.empty_reason = "empty"
        return outcome
    terms = query_terms(query)
    if not terms:
        outcome.empty_reason = "stop_words"
        return outcome
    outcome.terms = terms
    outcome.synonyms = query_synonyms(query)
    outcome.corrections = query_corrections(terms)
    outcome.hits, own_matches = _run(
        terms,
        kind=kind,
        product_id=product_id,
        phase=phase,
        alternatives=[*outcome.synonyms, *outcome.corrections],
        per_kind_limit=per_kind_limit,
        language=language_now() if language is None else language,
    )
    if outcome.corrections and own_matches < CORRECTION_SHOWN_BELOW:
        # The words as written found (almost) nothing: say what was searched instead.
        closest = {use.terms[0]: use.alternatives[0][0] for use in outcome.corrections}
        outcome.terms = [closest.get(term, term) for term in terms]
        outcome.corrected_query = " ".join(outcome.terms)
    return outcome


# SECTION kept rankings

RANKING_PREFIX = "search:ranking:"
RANKING_CACHE_SECONDS = 300


def ranking_key(
    query: str, *, generation: int, kind: str, product_id: int | None, phase: str, language: str
) -> str:
    """Where the ranking of a normalised query with its filters and the reader's language is
    kept, under the page generation (community/common/page_cache.py)."""
    address = "\n".join(
        (str(generation), query, kind, str(product_id or ""), phase, language, str(PER_TYPE_LIMIT))
    )
    return RANKING_PREFIX + hashlib.sha256(address.encode()).hexdigest()


def search_everything_kept(
    raw_query: str | None,
    *,
    generation: int,
    kind: str = "",
    product_id: int | None = None,
    phase: str = "",
) -> SearchOutcome:
    """``search_everything``, its ranking kept under the page ``generation`` (read before the
    search, so what is kept is at least that new): the same search again, by anyone, while
    nothing the site stores has changed, takes no ranking, only the shown hits' rows
    (``prepare_hits`` loads them through their kinds' public rows). Any write moves the
    generation on: a new, edited, hidden or unpublished item counts on the next search."""
    query = normalise_query(raw_query)
    language = language_now()
    key = ranking_key(
        query,
        generation=generation,
        kind=kind,
        product_id=product_id,
        phase=phase,
        language=language,
    )
    kept = cache.get(key) if query else None
    if kept is not None:
        return _outcome_from_kept(kept)
    outcome = search_everything(
        query, kind=kind, product_id=product_id, phase=phase, language=language
    )
    if outcome.terms:
        cache.set(key, _kept_outcome(outcome), RANKING_CACHE_SECONDS)
    return outcome


def _kept_outcome(outcome: SearchOutcome) -> tuple:
    """The outcome without its items: the hits as (kind, pk, score)."""
    return (
        outcome.query,
        outcome.terms,
        outcome.corrected_query,
        outcome.synonyms,
        outcome.corrections,
        [(hit.kind, hit.pk, hit.score) for hit in outcome.hits],
    )


def _outcome_from_kept(kept: tuple) -> SearchOutcome:
    query, terms, corrected_query, synonyms, corrections, hits = kept
    return SearchOutcome(
        query=query,
        terms=terms,
        corrected_query=corrected_query,
        synonyms=synonyms,
        corrections=corrections,
        hits=[SearchHit(kind=kind, obj=None, score=score, pk=pk) for kind, pk, score in hits],
    )


# SECTION misspelt words

VOCABULARY_CACHE_KEY = "search:title-vocabulary:2"
VOCABULARY_CACHE_SECONDS = 600
MAX_CORRECTIONS_PER_WORD = 2
MIN_CORRECTED_LENGTH = 4  # shorter words have too many neighbours one edit away
TWO_EDITS_FROM_LENGTH = 8  # from this length on, a word may be two edits off
# A word some titles have is searched as a close word too when that is in this many times as
# many titles: "kettel" in one title, "kettle" in thirty.
COMMON_SPELLING = 3
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True)
class Vocabulary:
    words: dict[str, int]  # every word of a public title: in how many titles it is
    stems: frozenset[str]  # every stem of a search document's title


def _vocabulary() -> Vocabulary:
    """The words of public titles, to correct typos against (cached for ten minutes)."""
    vocabulary = cache.get(VOCABULARY_CACHE_KEY)
    if vocabulary is None:
        counts: dict[str, int] = {}
        for source in registry.search_sources():
            if source.vocabulary_titles is not None:
                titles = source.vocabulary_titles()
            else:
                titles = source.public_items().values_list("title", flat=True)
            for title in titles:
                for word in set(query_terms(title.lower())) if title else ():
                    if len(word) > 2 and not word.isdigit():
                        counts[word] = counts.get(word, 0) + 1
        stems = {
            stem
            for title in SearchDocument.objects.values_list("title", flat=True).iterator()
            for stem in title.split()
        }
        vocabulary = Vocabulary(words=counts, stems=frozenset(stems))
        cache.set(VOCABULARY_CACHE_KEY, vocabulary, VOCABULARY_CACHE_SECONDS)
    return vocabulary


def title_vocabulary() -> dict[str, int]:
    """Every word in a public title (with the number of titles it is in)."""
    return _vocabulary().words


def is_known_word(word: str, vocabulary: Vocabulary | None = None) -> bool:
    """Whether a public title has the word, or a word of the same stem."""
    vocabulary = vocabulary or _vocabulary()
    return word in vocabulary.words or any(
        stem in vocabulary.stems for stem in text.query_stems(word)
    )


def close_words(
    word: str, vocabulary: Vocabulary | None = None, *, two_edits: bool = True
) -> list[str]:
    """The title words one edit away from ``word`` (a letter left out, added, changed, or two
    swapped), two for a long word when none is one away (unless not ``two_edits``): the most
    used first, at most MAX_CORRECTIONS_PER_WORD. Bounded work: the edits of one word are
    looked up in a set."""
    if len(word) < MIN_CORRECTED_LENGTH or not word.isalpha():
        return []
    words = (vocabulary or _vocabulary()).words
    one_edit = _edits(word)
    close = [candidate for candidate in one_edit if candidate in words]
    if not close and two_edits and len(word) >= TWO_EDITS_FROM_LENGTH:
        close = [
            candidate
            for edited in one_edit
            for candidate in _edits(edited, letters=False)
            if candidate in words and candidate != word
        ]
    # One word per stem ("pot" stands for "pots"), none of the word's own stems.
    chosen: list[str] = []
    seen = set(text.query_stems(word))
    for candidate in sorted(set(close), key=lambda candidate: (-words[candidate], candidate)):
        stems = set(text.query_stems(candidate))
        if not stems & seen:
            chosen.append(candidate)
            seen |= stems
    return chosen[:MAX_CORRECTIONS_PER_WORD]


def _edits(word: str, *, letters: bool = True) -> set[str]:
    """Every string one edit away from ``word``; without ``letters`` only the deletions and
    swaps (for the cheap second edit)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    if letters:
        alphabet = _LETTERS | set(word)
        edits |= {a + c + b[1:] for a, b in splits if b for c in alphabet}
        edits |= {a + c + b for a, b in splits for c in alphabet}
    edits.discard(word)
    return edits


def query_corrections(terms: list[str]) -> list[SynonymUse]:
    """For each query word no public title has, the close title words to search for too; for
    a word that a title or two has (misspelt there too), the close words far more titles have."""
    corrections = []
    vocabulary = _vocabulary()
    for term in terms:
        close = []
        if not is_known_word(term, vocabulary):
            close = close_words(term, vocabulary)
        elif uses := vocabulary.words.get(term, 0):
            close = [
                word
                for word in close_words(term, vocabulary, two_edits=False)
                if vocabulary.words[word] >= COMMON_SPELLING * uses
            ]
        if close:
            corrections.append(SynonymUse((term,), tuple((word,) for word in close)))
    return corrections


# SECTION presenting hits


def snippet_source(hit: SearchHit) -> str:
    return registry.search_source(hit.kind).snippet_source(hit.obj)


def _marks(word: str, stems: set[str]) -> bool:
    """Whether a word of the text is one of the searched words (has one of their stems)."""
    word = word.lower()
    return word not in STOP_WORDS and any(stem in stems for stem in text.query_stems(word))


def highlight(source_text: str, terms: list[str], *, length: int = 220) -> SafeString:
    """A window of plain text around the first matched word, escaped, matches in <mark>.
    A word matches when it has the stem of a searched word ("rusting" for "rusty").

    The text is escaped before the <mark> tags are added, so user text never becomes markup.
    """
    plain = " ".join(strip_tags(source_text or "").split())
    if not plain:
        return mark_safe("")  # noqa: S308 - nothing to escape
    stems = {stem for term in terms for stem in text.query_stems(term)}
    if not stems:
        return escape(Truncator(plain).chars(length))
    # A word has a stem of a searched word only if it begins like one (a stem is the start of
    # its words, but for a y that became i): only those words are stemmed to be sure.
    beginnings = sorted({stem[:3] for stem in stems}, key=len, reverse=True)
    candidates = re.compile(
        r"(?<![^\W_])(?:" + "|".join(map(re.escape, beginnings)) + r")[^\W_]*", re.IGNORECASE
    )
    first = next(
        (match for match in candidates.finditer(plain) if _marks(match.group(0), stems)), None
    )
    start = 0
    if first:
        start = max(first.start() - 60, 0)
        # Start at a word boundary.
        if start:
            space = plain.find(" ", start)
            start = space + 1 if 0 <= space < first.start() else start
    window = Truncator(plain[start:]).chars(length)
    if start:
        window = "…" + window
    if not first:
        return escape(window)
    pieces = []
    position = 0
    for match in candidates.finditer(window):
        if _marks(match.group(0), stems):
            pieces.append(escape(window[position : match.start()]))
            pieces.append(f"<mark>{escape(match.group(0))}</mark>")
            position = match.end()
    pieces.append(escape(window[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above


def prepare_hits(hits: list[SearchHit], terms: list[str]) -> list[SearchHit]:
    """Fill in URLs and highlighted snippets for the hits shown (a page of them, not all).

    Kinds whose snippets need more than ranking loaded (a question's best answer, a topic's
    first post, a page's StreamFields) load the shown hits again with it, one query per kind.
    The hits of a kept ranking (no item yet) are loaded here through their kinds' public rows
    first; one the public may no longer see is left out.
    """
    kept = {id(hit) for hit in hits if hit.obj is None}
    for source in registry.search_sources():
        waiting = [hit.pk for hit in hits if hit.kind == source.kind and hit.obj is None]
        if waiting:
            public = source.public_items().filter(pk__in=waiting)
            if source.load_for_display is None:
                found = _for_ranking(public).in_bulk(waiting)
            else:
                found = dict.fromkeys(public.values_list("pk", flat=True))
            for hit in hits:
                if hit.kind == source.kind and hit.obj is None and hit.pk in found:
                    hit.obj = found[hit.pk] or _NOT_LOADED
        if source.load_for_display is None:
            continue
        ids = [hit.pk for hit in hits if hit.kind == source.kind and hit.obj is not None]
        if not ids:
            continue
        loaded = source.load_for_display(ids)
        for hit in hits:
            if hit.kind == source.kind and hit.obj is not None and hit.pk in loaded:
                # Loaded for display, an item may be titled otherwise (a page in the
                # reader's language).
                hit.obj = loaded[hit.pk]
                hit.title = source.title(hit.obj)
    hits = [hit for hit in hits if hit.obj is not None and hit.obj is not _NOT_LOADED]
    for hit in hits:
        source = registry.search_source(hit.kind)
        if id(hit) in kept:  # a kept ranking's hit: said by the item as loaded now
            hit.title = source.title(hit.obj)
            hit.resolved = bool(source.resolved and source.resolved(hit.obj))
        hit.url = source.url(hit.obj)
        hit.snippet = highlight(snippet_source(hit), terms)
    return hits


# A kept hit that is public, before its kind's display loading gives it its item.
_NOT_LOADED = object()


def product_choices() -> list[tuple[int, str]]:
    return registry.product_choices()


def suggestions_for_title(
    raw_title: str | None, *, product_id: int | None = None, phase: str = ""
) -> list[SearchHit]:
    """While a customer types a question: what already answers it (articles, FAQ, answered
    questions: each source says which of its hits it offers). Asked about a product, that
    product's own items come first; asked before or after buying, items of that phase rank
    higher (see :func:`in_asking_context`)."""
    outcome = search_everything(raw_title)
    helpful = []
    for hit in outcome.hits:
        offered = registry.search_source(hit.kind).suggest_while_asking
        if offered is not None and offered(hit.obj):
            helpful.append(hit)
    helpful = in_asking_context(helpful[:SUGGESTION_CANDIDATES], product_id=product_id, phase=phase)
    return prepare_hits(helpful[:SUGGESTION_LIMIT], outcome.marked_terms)


# SECTION product and phase of the hits

SUGGESTION_CANDIDATES = 50  # the best hits looked at for the product and phase while asking
PHASE_MATCH_BOOST = 1.5  # a suggestion of the phase the customer chose counts this much more


def in_asking_context(
    hits: list[SearchHit], *, product_id: int | None, phase: str
) -> list[SearchHit]:
    """The hits reordered for a question about ``product_id`` in ``phase``: the product's own
    items first, then the rest; within each, the phase's items weigh PHASE_MATCH_BOOST more.
    Nothing is dropped: another product's answer may still help."""
    if not hits or not (product_id or phase):
        return hits
    of_product = hits_of_product(hits, product_id) if product_id else set()
    of_phase = hits_of_phase(hits, phase) if phase else set()

    def order(hit: SearchHit):
        key = (hit.kind, hit.obj.pk)
        score = hit.score * (PHASE_MATCH_BOOST if key in of_phase else 1.0)
        return (key not in of_product, -score, hit.title)

    return sorted(hits, key=order)


def hits_of_product(hits: list[SearchHit], product_id: int) -> set[tuple[str, int]]:
    """(kind, pk) of the hits about the product: one query per kind that has a product."""
    return _hits_within(
        hits,
        lambda source, items: (
            source.product_filter(items, product_id) if source.product_filter else None
        ),
    )


def hits_of_phase(hits: list[SearchHit], phase: str) -> set[tuple[str, int]]:
    """(kind, pk) of the hits of the phase (before/after buying): one query per kind."""
    return _hits_within(
        hits,
        lambda source, items: source.phase_filter(items, phase) if source.phase_filter else None,
    )


def _hits_within(hits: list[SearchHit], narrow) -> set[tuple[str, int]]:
    ids_by_kind: dict[str, list[int]] = {}
    for hit in hits:
        ids_by_kind.setdefault(hit.kind, []).append(hit.obj.pk)
    within: set[tuple[str, int]] = set()
    for kind, ids in ids_by_kind.items():
        source = registry.search_source(kind)
        items = narrow(source, source.public_items())
        if items is not None:
            pks = items.filter(pk__in=ids).values_list("pk", flat=True)
            within.update((kind, pk) for pk in pks)
    return within


# SECTION content gaps (staff)


def content_gaps(*, days: int, without: str, limit: int = 50):
    """The most searched queries of the last ``days`` days that found nothing
    (``without="results"``) or whose results nobody opened (``without="clicks"``)."""
    since = timezone.localdate() - timedelta(days=days)
    rows = SearchQueryLog.objects.filter(day__gt=since, handled=False)
    grouped = rows.values("query").annotate(
        total=Sum("searches"), opened=Sum("clicks"), most_results=Max("result_count")
    )
    if without == "results":
        grouped = grouped.filter(most_results=0)
    else:
        grouped = grouped.filter(opened=0, most_results__gt=0)
    return list(grouped.order_by("-total", "query")[:limit])


def deflection_count(*, days: int) -> int:
    """Questions answered by self-service: suggestions opened while asking, not asked anyway."""
    now = timezone.now()
    return DeflectionEvent.objects.filter(
        created_at__gt=now - timedelta(days=days),
        created_at__lte=now - DEFLECTION_GRACE,
        asked_anyway=False,
    ).count()
