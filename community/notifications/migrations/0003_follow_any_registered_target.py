"""Follows name what they follow by a registered key and id, so that one model holds the
follows of questions, products and tags (so far here) and of forum topics and boards (so far
the forum's subscriptions); the kinds and groups of notification come from the registry."""

import community.notifications.registry
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_suggested_edit_kinds"),
    ]

    operations = [
        migrations.AlterField(
            model_name="notification",
            name="kind",
            field=models.CharField(
                choices=community.notifications.registry.kind_choices,
                max_length=40,
                verbose_name="kind",
            ),
        ),
        migrations.AlterField(
            model_name="notificationpreference",
            name="group",
            field=models.CharField(
                choices=community.notifications.registry.group_choices,
                max_length=20,
                verbose_name="notifications about",
            ),
        ),
        migrations.RemoveConstraint(model_name="follow", name="notifications_follow_one_thing"),
        migrations.RemoveConstraint(
            model_name="follow", name="notifications_follow_question_once"
        ),
        migrations.RemoveConstraint(model_name="follow", name="notifications_follow_product_once"),
        migrations.RemoveConstraint(model_name="follow", name="notifications_follow_tag_once"),
        migrations.AddField(
            model_name="follow",
            name="target_type",
            field=models.CharField(default="", max_length=20),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="follow",
            name="target_id",
            field=models.PositiveBigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="follow",
            name="reason",
            field=models.CharField(
                choices=[("chosen", "Followed"), ("posted", "Posted in it")],
                default="chosen",
                max_length=8,
            ),
        ),
        migrations.AddField(
            model_name="follow",
            name="last_notified_id",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
    ]
