"""Editors and Moderators may see Insights (staff may anyway)."""

from django.db import migrations

GROUPS = ("Moderators", "Editors")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="insights", model="summarysubscription")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_insights",
        defaults={"name": "Can view Insights"},
    )
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label="insights", codename="view_insights"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0001_summary_subscriptions_and_emails"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
