from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0004_follows_from_forum_subscriptions"),
    ]

    operations = [
        migrations.RemoveField(model_name="follow", name="question"),
        migrations.RemoveField(model_name="follow", name="product"),
        migrations.RemoveField(model_name="follow", name="tag"),
        migrations.AlterField(
            model_name="follow",
            name="target_id",
            field=models.PositiveBigIntegerField(),
        ),
        migrations.AddConstraint(
            model_name="follow",
            constraint=models.UniqueConstraint(
                fields=("user", "target_type", "target_id"), name="notifications_follow_once"
            ),
        ),
        migrations.AddIndex(
            model_name="follow",
            index=models.Index(
                fields=["target_type", "target_id"], name="notifications_followers_idx"
            ),
        ),
    ]
