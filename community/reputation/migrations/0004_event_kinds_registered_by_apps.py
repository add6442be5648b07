"""Event kinds come from the apps that register them: the kind loses its fixed choices, and
each event stores whether it counts once per member who gave it (votes, helpful marks) or
once per item, which the two uniqueness rules now read instead of a list of kinds."""

from django.db import migrations, models

# The kinds that counted once per member who gave them when this migration was written.
PER_ACTOR_KINDS = ("question_upvoted", "answer_upvoted", "answer_downvoted", "review_helpful")


def mark_per_actor_events(apps, schema_editor):
    ReputationEvent = apps.get_model("reputation", "ReputationEvent")
    ReputationEvent.objects.filter(kind__in=PER_ACTOR_KINDS).update(per_actor=True)


class Migration(migrations.Migration):
    dependencies = [
        ("reputation", "0003_edit_accepted_and_edit_privileges"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="reputationevent",
            name="reputation_event_once_per_actor",
        ),
        migrations.RemoveConstraint(
            model_name="reputationevent",
            name="reputation_event_once_per_item",
        ),
        migrations.AddField(
            model_name="reputationevent",
            name="per_actor",
            field=models.BooleanField(default=False, verbose_name="once per member who gave it"),
        ),
        # Going back, the column is dropped with what this wrote into it.
        migrations.RunPython(mark_per_actor_events, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="reputationevent",
            name="kind",
            field=models.CharField(max_length=24, verbose_name="event"),
        ),
        migrations.AddConstraint(
            model_name="reputationevent",
            constraint=models.UniqueConstraint(
                condition=models.Q(("per_actor", True), ("reversed_at__isnull", True)),
                fields=("kind", "source_type", "source_id", "actor"),
                name="reputation_event_once_per_actor",
            ),
        ),
        migrations.AddConstraint(
            model_name="reputationevent",
            constraint=models.UniqueConstraint(
                condition=models.Q(("per_actor", False), ("reversed_at__isnull", True)),
                fields=("kind", "source_type", "source_id"),
                name="reputation_event_once_per_item",
            ),
        ),
    ]
