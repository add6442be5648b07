"""Reads for site search: one ranked list over every kind of public content the apps register
(articles, FAQ, products, questions, topics; see registry.py).

Wagtail's search framework (its database backend: SQLite FTS5, or PostgreSQL full text) finds
candidates per content type, each queryset already limited to what the public may see, so
hidden, deleted and draft content cannot come back. The candidates are merged into one list
and ranked here: the backend's relevance, times a weight for the kind of content (official
articles and answered questions first, a source's own boost on top), times a bonus for query
words in the title.

When the words find (almost) nothing, a "did you mean" from the vocabulary of titles corrects
simple typos, and singular/plural variants of each word are always searched too. A phrase of
one of the synonym groups staff maintain (synonyms.py) also searches the group's other phrases;
what those find counts for less than the customer's own words, so exact wording ranks first.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from . import registry
from .models import DEFLECTION_GRACE, DeflectionEvent, SearchQueryLog
from .synonyms import synonym_matches

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
PER_TYPE_LIMIT = 100
SUGGESTION_LIMIT = 5

# Words that carry no meaning in a search (English and Dutch, the site's languages).
STOP_WORDS = frozenset(
    """
    a an and are as at be been but by can could do does did for from had has have how i if in
    into is it its me my of on or our so than that the their them then there these they this
    to too us was we were what when where which who why will with would you your yours
    de het een en of is op in te van voor met zijn niet dat die er ik je hoe wat waar wie
    """.split()  # noqa: SIM905 - a word list reads better as text
)


TITLE_MATCH_BONUS = 1.5  # multiplied by the share of the query's words found in the title
# What a synonym finds counts this much of what the query's own words find: in the backend's
# score, and for a title that has the synonym instead of the query's phrase.
SYNONYM_WEIGHT = 0.5
SYNONYM_TITLE_CREDIT = 0.75


@dataclass(frozen=True)
class SynonymUse:
    """A phrase of the query and what else it may be written as (one synonym group)."""

    terms: tuple[str, ...]  # the query's words the phrase stands for
    alternatives: tuple[tuple[str, ...], ...]  # each alternative's words: all of them must match


@dataclass
class SearchHit:
    kind: str
    obj: object
    score: float
    title: str = ""
    url: str = ""
    snippet: SafeString | str = ""
    resolved: bool = False
    link: str = ""  # through the click counter

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

    @property
    def marked_terms(self) -> list[str]:
        """The words to highlight in snippets: the query's, and its one-word synonyms (a word
        of a longer synonym on its own, "back" of "send back", is not what was meant)."""
        words = list(self.terms)
        for use in self.synonyms:
            words += [a[0] for a in use.alternatives if len(a) == 1 and a[0] not in words]
        return words

    @property
    def count(self) -> int:
        return len(self.hits)


def normalise_query(raw: str | None) -> str:
    """Lower case, whitespace collapsed, control characters dropped, at most 200 characters."""
    text = "".join(ch if ch.isprintable() else " " for ch in (raw or "")[: MAX_QUERY_LENGTH * 4])
    return " ".join(text.lower().split())[:MAX_QUERY_LENGTH].strip()


_WORD = re.compile(r"\w+", re.UNICODE)


def query_terms(query: str) -> list[str]:
    """The searchable words of a normalised query: no symbols, no stop words, no repeats."""
    terms: list[str] = []
    for word in _WORD.findall(query):
        word = word.strip("_")[:40]
        if word and word not in STOP_WORDS and word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


def word_variants(term: str) -> list[str]:
    """The word with its plural or singular: "pans" also finds "pan" and the other way round."""
    variants = [term]
    if len(term) > 3 and not term.isdigit():
        if term.endswith("ies"):
            variants.append(term[:-3] + "y")
        elif term.endswith(("ches", "shes", "xes", "sses")):
            variants.append(term[:-2])
        elif term.endswith("s") and not term.endswith("ss"):
            variants.append(term[:-1])
        elif term.endswith("y"):
            variants.append(term[:-1] + "ies")
        else:
            variants.append(term + "s")
    return variants


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


# A clause is a word (found with its variants) or a tuple of words that must all be found.
Clause = str | tuple[str, ...]


def _word_expression(word: str):
    variants = word_variants(word)
    return Or([PlainText(v) for v in variants]) if len(variants) > 1 else PlainText(variants[0])


def _search_expression(clauses: list[Clause]):
    """Any of the clauses."""
    expressions = []
    for clause in clauses:
        words = [_word_expression(word) for word in _clause_words(clause)]
        expressions.append(words[0] if len(words) == 1 else And(words))
    return Or(expressions) if len(expressions) > 1 else expressions[0]


def _clause_words(clause: Clause) -> tuple[str, ...]:
    return (clause,) if isinstance(clause, str) else clause


def kind_choices() -> list[tuple[str, str]]:
    """The kinds of content one can search for, as (kind, label) pairs for the type filter."""
    return [(source.kind, source.label) for source in registry.search_sources()]


def _candidate_querysets(*, kind: str, product_id: int | None, phase: str) -> dict:
    """The public queryset of each kind to search in, with the filters applied."""
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
        wanted[source.kind] = items
    return wanted


def _search_kind(
    queryset, expression, clauses: list[Clause], limit: int = PER_TYPE_LIMIT
) -> list[tuple[object, float]]:
    if connection.vendor == "sqlite" and _sqlite_fts_available():
        return _search_kind_sqlite(queryset, clauses, limit)
    results = get_search_backend().search(expression, queryset).annotate_score("_score")
    found = []
    for obj in results[:limit]:
        found.append((obj, abs(float(getattr(obj, "_score", 0) or 0))))
    return found


def _sqlite_fts_available() -> bool:
    from modelsearch.backends import database

    get_search_backend()  # decides, once, whether the FTS5 table is there
    return bool(database.USE_SQLITE_FTS)


# Columns of Wagtail's FTS5 table are (autocomplete, body, title); title words count more.
_SQLITE_RANKED = """
    SELECT entry.object_id, -bm25(wagtailsearch_indexentry_fts, 0.0, 1.0, 3.0) AS score
    FROM wagtailsearch_indexentry_fts
    JOIN wagtailsearch_indexentry AS entry ON entry.id = wagtailsearch_indexentry_fts.rowid
    WHERE wagtailsearch_indexentry_fts MATCH %s AND entry.content_type_id = %s
    ORDER BY bm25(wagtailsearch_indexentry_fts, 0.0, 1.0, 3.0)
    LIMIT %s
"""


def _fts_clause(clause: Clause) -> str:
    """FTS5 syntax: ("pan" OR "pans"), and AND between the words of a multi-word clause."""
    words = [
        "(" + " OR ".join('"' + v.replace('"', '""') + '"' for v in word_variants(word)) + ")"
        for word in _clause_words(clause)
    ]
    return words[0] if len(words) == 1 else "(" + " AND ".join(words) + ")"


def _search_kind_sqlite(
    queryset, clauses: list[Clause], limit: int = PER_TYPE_LIMIT
) -> list[tuple[object, float]]:
    """Wagtail's SQLite query re-runs the full-text match once per matching row to score it,
    which takes seconds over 10,000 questions; this asks Wagtail's own FTS5 index once and
    scores with bm25 in the same pass. The public queryset then drops what may not be shown."""
    match = "{title body} : (" + " OR ".join(_fts_clause(clause) for clause in clauses) + ")"
    content_type = ContentType.objects.get_for_model(queryset.model)
    with connection.cursor() as cursor:
        # Over-fetch: hidden or draft rows are still in the index and are dropped below.
        cursor.execute(_SQLITE_RANKED, [match, content_type.pk, limit * 2])
        ranked = [(int(object_id), float(score)) for object_id, score in cursor.fetchall()]
    if not ranked:
        return []
    objects = queryset.in_bulk([object_id for object_id, _score in ranked])
    found = [(objects[pk], score) for pk, score in ranked if pk in objects]
    return found[:limit]


def _title_share(title: str, terms: list[str], synonyms: list[SynonymUse] = ()) -> float:
    """The share of the query's words in the title; a word whose phrase the title says with
    a synonym counts SYNONYM_TITLE_CREDIT."""
    title_words = set(_WORD.findall(title.lower()))
    if not terms:
        return 0.0

    def in_title(term: str) -> bool:
        return any(v in title_words for v in word_variants(term)) or any(
            len(term) >= 4 and word.startswith(term) for word in title_words
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


def _with_synonym_hits(
    found, through_synonyms, limit: int = PER_TYPE_LIMIT
) -> list[tuple[object, float]]:
    """What the query's words found plus SYNONYM_WEIGHT of what its synonyms found. The two
    searches' scores are on different scales (PostgreSQL ranks a match of all words of one
    phrase far above a match of some words of many), so each counts relative to its best."""
    scores: dict = {}
    for weight, pairs in ((1.0, found), (SYNONYM_WEIGHT, through_synonyms)):
        best = max((score for _obj, score in pairs), default=0.0) or 1.0
        for obj, score in pairs:
            scores.setdefault(obj.pk, [obj, 0.0])[1] += weight * score / best
    merged = sorted(scores.values(), key=lambda pair: -pair[1])
    return [(obj, score) for obj, score in merged[:limit]]


def _run(
    terms: list[str],
    *,
    kind: str,
    product_id: int | None,
    phase: str,
    synonyms: list[SynonymUse] = (),
    per_kind_limit: int = PER_TYPE_LIMIT,
) -> list[SearchHit]:
    expression = _search_expression(terms)
    alternatives = [alternative for use in synonyms for alternative in use.alternatives]
    alternatives_expression = _search_expression(alternatives) if alternatives else None
    hits: list[SearchHit] = []
    for hit_kind, queryset in _candidate_querysets(
        kind=kind, product_id=product_id, phase=phase
    ).items():
        found = _search_kind(queryset, expression, terms, per_kind_limit)
        if alternatives:
            found = _with_synonym_hits(
                found,
                _search_kind(queryset, alternatives_expression, alternatives, per_kind_limit),
                per_kind_limit,
            )
        if not found:
            continue
        # Scores are comparable within one kind only; scale each kind to 0..1 by its best.
        best = max(score for _obj, score in found) or 1.0
        source = registry.search_source(hit_kind)
        for obj, score in found:
            title = source.title(obj)
            hit = SearchHit(kind=hit_kind, obj=obj, score=0.0, title=title)
            weight = source.weight
            if source.resolved is not None:
                hit.resolved = source.resolved(obj)
            if source.boost is not None:
                weight *= source.boost(obj)
            relevance = 0.5 + 0.5 * (score / best)
            title_bonus = 1 + TITLE_MATCH_BONUS * _title_share(title, terms, synonyms)
            hit.score = relevance * weight * title_bonus
            hits.append(hit)
    hits.sort(key=lambda hit: (-hit.score, hit.title))
    return hits


def search_everything(
    raw_query: str | None,
    *,
    kind: str = "",
    product_id: int | None = None,
    phase: str = "",
    per_kind_limit: int = PER_TYPE_LIMIT,
) -> SearchOutcome:
    """Search every public kind of content; the hits come ranked, best first. Each kind offers
    its ``per_kind_limit`` best matches to the ranking (fewer is faster, for a short list)."""
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
    search = {
        "kind": kind,
        "product_id": product_id,
        "phase": phase,
        "synonyms": outcome.synonyms,
        "per_kind_limit": per_kind_limit,
    }
    outcome.hits = _run(terms, **search)
    # A word no public title contains may be a typo: search the corrected words too and keep
    # them when they find more ("rust skilet" finds rust on its own, but means the skillet).
    corrected = corrected_terms(terms)
    if corrected != terms:
        corrected_hits = _run(corrected, **search)
        if len(corrected_hits) > len(outcome.hits):
            outcome.hits = corrected_hits
            outcome.terms = corrected
            outcome.corrected_query = " ".join(corrected)
    return outcome


# SECTION did you mean

VOCABULARY_CACHE_KEY = "search:title-vocabulary"


def title_vocabulary() -> frozenset[str]:
    """Every word in a public title (cached for ten minutes), to correct typos against."""
    words = cache.get(VOCABULARY_CACHE_KEY)
    if words is None:
        titles: list[str] = []
        for source in registry.search_sources():
            if source.vocabulary_titles is not None:
                titles += source.vocabulary_titles()
            else:
                titles += source.public_items().values_list("title", flat=True)
        words = frozenset(
            word
            for title in titles
            for word in _WORD.findall(title.lower())
            if len(word) > 2 and word not in STOP_WORDS
        )
        cache.set(VOCABULARY_CACHE_KEY, words, 600)
    return words


def corrected_terms(terms: list[str]) -> list[str]:
    """The terms with each unknown word replaced by its closest known word, if one is close."""
    vocabulary = title_vocabulary()
    corrected = []
    for term in terms:
        if term in vocabulary or any(v in vocabulary for v in word_variants(term)) or len(term) < 4:
            corrected.append(term)
            continue
        close = difflib.get_close_matches(term, vocabulary, n=1, cutoff=0.8)
        corrected.append(close[0] if close else term)
    return corrected


# SECTION presenting hits


def snippet_source(hit: SearchHit) -> str:
    return registry.search_source(hit.kind).snippet_source(hit.obj)


def highlight(text: str, terms: list[str], *, length: int = 220) -> SafeString:
    """A window of plain text around the first matched word, escaped, matches in <mark>.

    The text is escaped before the <mark> tags are added, so user text never becomes markup.
    """
    text = " ".join(strip_tags(text or "").split())
    if not text:
        return mark_safe("")  # noqa: S308 - nothing to escape
    stems = sorted(
        {variant for term in terms for variant in word_variants(term) if variant}, key=len
    )
    pattern = (
        re.compile(r"\b(" + "|".join(re.escape(s) for s in reversed(stems)) + r")\w*", re.I)
        if stems
        else None
    )
    start = 0
    if pattern and (match := pattern.search(text)):
        start = max(match.start() - 60, 0)
        # Start at a word boundary.
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < match.start() else start
    window = Truncator(text[start:]).chars(length)
    if start:
        window = "…" + window
    if not pattern:
        return escape(window)
    pieces = []
    position = 0
    for match in pattern.finditer(window):
        pieces.append(escape(window[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    pieces.append(escape(window[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above


def prepare_hits(hits: list[SearchHit], terms: list[str]) -> list[SearchHit]:
    """Fill in URLs and highlighted snippets for the hits shown (a page of them, not all).

    Kinds whose snippets need related rows (a question's best answer, a topic's first post)
    load the shown hits again with those, in one query per kind.
    """
    for source in registry.search_sources():
        if source.load_for_display is None:
            continue
        ids = [hit.obj.pk for hit in hits if hit.kind == source.kind]
        if not ids:
            continue
        loaded = source.load_for_display(ids)
        for hit in hits:
            if hit.kind == source.kind:
                hit.obj = loaded.get(hit.obj.pk, hit.obj)
    for hit in hits:
        hit.url = registry.search_source(hit.kind).url(hit.obj)
        hit.snippet = highlight(snippet_source(hit), terms)
    return hits


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
