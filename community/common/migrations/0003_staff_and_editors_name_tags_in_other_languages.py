"""Moderators (who manage the tags) and editors (who translate the pages) may name the tags
in Dutch in the Wagtail admin."""

from django.db import migrations

ACTIONS = ("add", "change", "delete", "view")
GROUPS = ("Moderators", "Editors")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    tag_name_type, _ = ContentType.objects.get_or_create(app_label="common", model="tagname")
    permissions = [
        Permission.objects.get_or_create(
            content_type=tag_name_type,
            codename=f"{action}_tagname",
            defaults={"name": f"Can {action} tag name"},
        )[0]
        for action in ACTIONS
    ]
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="common", content_type__model="tagname")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0002_tag_names"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
