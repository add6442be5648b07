"""Search documents (one per public item, its text as stems) and the full-text index over them:
on SQLite an FTS5 table kept current by triggers, on PostgreSQL a stored tsvector (title
weighted A, text B) with a GIN index. The documents are built after migrating
(SearchConfig.ready: an empty table over existing content is filled)."""

from django.db import migrations, models

TABLE = "sitesearch_searchdocument"
FTS = f"{TABLE}_fts"

SQLITE_CREATE = [
    # The stems are words already; unicode61 only splits them (and folds case, as the
    # query does). External content: the text is stored once, in the documents table.
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(title, body, content='{TABLE}', content_rowid='id')",
    f"""CREATE TRIGGER {TABLE}_ai AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO {FTS}(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    f"""CREATE TRIGGER {TABLE}_ad AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    END""",
    f"""CREATE TRIGGER {TABLE}_au AFTER UPDATE ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO {FTS}(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_au",
    f"DROP TRIGGER IF EXISTS {TABLE}_ad",
    f"DROP TRIGGER IF EXISTS {TABLE}_ai",
    f"DROP TABLE IF EXISTS {FTS}",
]
# 'simple': the stems are stored already stemmed; PostgreSQL only splits and lower-cases.
POSTGRES_CREATE = [
    f"""ALTER TABLE {TABLE} ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')
    ) STORED""",
    f"CREATE INDEX sitesearch_document_vector_idx ON {TABLE} USING GIN (vector)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS sitesearch_document_vector_idx",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("sitesearch", "0002_search_synonyms"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=20, verbose_name="kind")),
                ("object_id", models.PositiveBigIntegerField(verbose_name="item")),
                ("language", models.CharField(max_length=2, verbose_name="language")),
                ("title", models.TextField(verbose_name="title stems")),
                ("body", models.TextField(blank=True, verbose_name="text stems")),
                ("indexed_at", models.DateTimeField(auto_now=True, verbose_name="indexed")),
            ],
            options={
                "verbose_name": "search document",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "object_id"), name="sitesearch_one_document"
                    )
                ],
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
    ]
