"""Moderators (the shop's community staff) may manage the tags customers choose from."""

from django.db import migrations

ACTIONS = ("add", "change", "delete", "view")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    tag_type, _ = ContentType.objects.get_or_create(app_label="taggit", model="tag")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    for action in ACTIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=tag_type, codename=f"{action}_tag", defaults={"name": f"Can {action} tag"}
        )
        moderators.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name="Moderators").first()
    if group:
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="taggit", content_type__model="tag")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("qa", "0001_questions_answers_comments_votes"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
