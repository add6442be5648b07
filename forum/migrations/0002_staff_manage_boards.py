"""Moderators (the shop's community staff) create, describe and order the forum's boards."""

from django.db import migrations

ACTIONS = ("add", "change", "delete", "view")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    board_type, _ = ContentType.objects.get_or_create(app_label="forum", model="board")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    for action in ACTIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=board_type,
            codename=f"{action}_board",
            defaults={"name": f"Can {action} board"},
        )
        moderators.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name="Moderators").first()
    if group:
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="forum", content_type__model="board")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0001_boards_topics_posts_following"),
        ("qa", "0002_staff_manage_tags"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
