"""The full-text match over the search documents (models.SearchDocument): which items of each
kind match, how well, best first, in one query for every kind.

A search is a list of clauses, any of which may match: a clause is one or more words that
must all be found, a word any of its stems (its English and Dutch stem, text.query_stems).
Title words count more than the text's.

- SQLite: the FTS5 table over the documents, ranked with bm25 (title 3, text 1).
- PostgreSQL: the stored tsvector (title weighted A, text B) through its GIN index, ranked
  with ts_rank (ts_rank_cd ranks alike here and takes three times as long over thousands of
  matches).

Each match also says which of the clauses the document has (a document found by one word of
a query of four is a weaker match than one with all four; selectors.py ranks by it). That is
worked out for the matches that come back only, one index lookup per clause.

Each kind's best ``limit`` come back; a kind can be narrowed to some of its items (a product,
a phase) by a queryset of their primary keys, applied inside the query. What comes back is
what the documents say: the caller still loads the items through their public rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

# At most this many clauses are searched (the query's words, its synonyms' and corrections'
# phrases: selectors.py keeps well under it); each is a bit of a match's ``which``.
MAX_CLAUSES = 60

# A word is its stems (any of them matches); a clause, words that must all be found.
Word = tuple[str, ...]
Clause = tuple[Word, ...]


@dataclass(frozen=True)
class Match:
    object_id: int
    score: float  # higher is better; comparable within one kind and one search only
    title: frozenset[str]  # the title's stems
    clauses: frozenset[int] = frozenset()  # the positions of the clauses the document has
    language: str = ""  # the document's ("en" or "nl")


def ranked_matches(
    clauses: list[Clause],
    scopes: dict[str, QuerySet | None],
    limit: int,
    *,
    every_kind: bool = False,
) -> dict[str, list[Match]]:
    """The best ``limit`` matches of each kind in ``scopes`` (kind -> None for all its items,
    or a queryset of the items it is narrowed to), best first. ``every_kind``: the scopes are
    every registered kind, none narrowed, so the kinds need no condition."""
    # A clause with a word that has no stem cannot match; the others keep their positions.
    kept = [(i, c) for i, c in enumerate(clauses[:MAX_CLAUSES]) if c and all(c)]
    if not kept or not scopes:
        return {}
    positions, clauses = [i for i, _c in kept], [c for _i, c in kept]
    kinds_sql, kinds_params = _kinds_condition(scopes, every_kind)
    if connection.vendor == "postgresql":
        sql, has_clause, syntax = _POSTGRES_RANKED, _POSTGRES_HAS_CLAUSE, _tsquery
    else:
        sql, has_clause, syntax = _SQLITE_RANKED, _SQLITE_HAS_CLAUSE, _fts5_query
    if len(clauses) > 1:
        which_sql = " + ".join(has_clause.format(bit=1 << i) for i in range(len(clauses)))
        which_params = [syntax([clause]) for clause in clauses]
    else:
        which_sql, which_params = "1", []
    found: dict[str, list[Match]] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            sql.format(kinds=kinds_sql, which=which_sql),
            [syntax(clauses), *kinds_params, limit, *which_params],
        )
        for kind, object_id, score, title, language, which in cursor.fetchall():
            has = frozenset(p for n, p in enumerate(positions) if int(which) >> n & 1)
            found.setdefault(kind, []).append(
                Match(int(object_id), float(score), frozenset(title.split()), has, language)
            )
    for matches in found.values():
        matches.sort(key=lambda match: (-match.score, match.object_id))
    return found


def _kinds_condition(scopes: dict[str, QuerySet | None], every_kind: bool) -> tuple[str, list]:
    if every_kind and all(narrowed is None for narrowed in scopes.values()):
        return "1 = 1", []
    parts, params = [], []
    for kind, narrowed in scopes.items():
        if narrowed is None:
            parts.append("document.kind = %s")
            params.append(kind)
        else:
            subquery, subparams = narrowed.values("pk").query.sql_with_params()
            parts.append(f"(document.kind = %s AND document.object_id IN ({subquery}))")
            params += [kind, *subparams]
    return "(" + " OR ".join(parts) + ")", params


# The documents' table (models.SearchDocument) and its FTS5 table (the migration). bm25 can
# only be computed where the FTS5 table is matched: the matched rows are ranked first, then
# numbered per kind. Column weights: title 3, text 1 (PostgreSQL's A and B weigh 1.0 and 0.4).
_SQLITE_RANKED = """
    WITH matched AS MATERIALIZED (
        SELECT rowid AS id, bm25(sitesearch_searchdocument_fts, 3.0, 1.0) AS rank
        FROM sitesearch_searchdocument_fts WHERE sitesearch_searchdocument_fts MATCH %s
    ), ranked AS MATERIALIZED (
        SELECT * FROM (
            SELECT document.id, document.kind, document.object_id, document.title,
                document.language, -matched.rank AS score,
                row_number() OVER (
                    PARTITION BY document.kind ORDER BY matched.rank, document.object_id
                ) AS place
            FROM matched JOIN sitesearch_searchdocument AS document ON document.id = matched.id
            WHERE {kinds}
        ) WHERE place <= %s
    )
    SELECT kind, object_id, score, title, language, {which} FROM ranked
"""
# Whether a ranked document has clause number n: bit 2**n of the sum.
_SQLITE_HAS_CLAUSE = """
    (CASE WHEN ranked.id IN (
        SELECT rowid FROM sitesearch_searchdocument_fts WHERE sitesearch_searchdocument_fts MATCH %s
    ) THEN {bit} ELSE 0 END)
"""

_POSTGRES_RANKED = """
    WITH ranked AS (
        SELECT id, kind, object_id, title, language, score FROM (
            SELECT id, kind, object_id, title, language, score,
                row_number() OVER (PARTITION BY kind ORDER BY score DESC, object_id) AS place
            FROM (
                SELECT document.id, document.kind, document.object_id, document.title,
                    document.language, ts_rank(document.vector, search.query) AS score
                FROM sitesearch_searchdocument AS document,
                    to_tsquery('simple', %s) AS search(query)
                WHERE document.vector @@ search.query AND {kinds}
            ) AS matched
        ) AS numbered WHERE place <= %s
    )
    SELECT kind, object_id, score, title, language, (
        SELECT {which} FROM sitesearch_searchdocument AS document WHERE document.id = ranked.id
    ) FROM ranked
"""
# Whether a ranked document has clause number n: bit 2**n of the sum. Read for the ranked
# rows only, each by its key: the ranking sorts narrow rows, never the vectors.
_POSTGRES_HAS_CLAUSE = (
    "(CASE WHEN document.vector @@ to_tsquery('simple', %s) THEN {bit} ELSE 0 END)"
)


def _fts5_query(clauses: list[Clause]) -> str:
    """FTS5 syntax: ("rust" OR "rusti") AND "pan", clauses joined with OR."""

    def word(stems: Word) -> str:
        quoted = ['"' + stem.replace('"', '""') + '"' for stem in stems]
        return quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")"

    return " OR ".join("(" + " AND ".join(word(w) for w in clause) + ")" for clause in clauses)


def _tsquery(clauses: list[Clause]) -> str:
    """to_tsquery syntax: ('rust' | 'rusti') & 'pan', clauses joined with |."""

    def word(stems: Word) -> str:
        quoted = ["'" + stem.replace("'", "''").replace("\\", "") + "'" for stem in stems]
        return quoted[0] if len(quoted) == 1 else "(" + " | ".join(quoted) + ")"

    return " | ".join("(" + " & ".join(word(w) for w in clause) + ")" for clause in clauses)
