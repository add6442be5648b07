"""Synonym groups for site search; staff (Moderators) and Editors manage them and the promoted
search results."""

from django.db import migrations, models

ACTIONS = ("add", "change", "delete", "view")
GROUPS = ("Moderators", "Editors")
# (app label, model): the synonym groups, and Wagtail's promoted search results.
MANAGED = (("sitesearch", "searchsynonym"), ("wagtailsearchpromotions", "searchpromotion"))


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for group_name in GROUPS:
        group, _ = Group.objects.get_or_create(name=group_name)
        for app_label, model in MANAGED:
            content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
            for action in ACTIONS:
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=f"{action}_{model}",
                    defaults={"name": f"Can {action} {model}"},
                )
                group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUPS):
        for app_label, model in MANAGED:
            group.permissions.remove(
                *group.permissions.filter(
                    content_type__app_label=app_label, content_type__model=model
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("sitesearch", "0001_search_log_and_deflections"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchSynonym",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "phrases",
                    models.TextField(
                        help_text="One per line or separated by commas, for example “send back, return, refund”. A search containing one of them also finds the others.",
                        verbose_name="phrases that mean the same",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last changed")),
            ],
            options={
                "verbose_name": "search synonym group",
                "verbose_name_plural": "search synonyms",
                "ordering": ["phrases"],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
