"""Approving a knowledge-base article asks the editor to confirm, since it publishes the
article: the review's approval step becomes a knowledge-base approval. The existing step keeps
its id, name, groups and any review in progress; only its kind changes."""

import django.db.models.deletion
from django.db import migrations, models

WORKFLOW = "Knowledge base review"


def _content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def _review_task_ids(apps):
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    return list(
        WorkflowTask.objects.filter(workflow__name=WORKFLOW).values_list("task_id", flat=True)
    )


def to_knowledge_base_approval(apps, schema_editor):
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    KnowledgeBaseApprovalTask = apps.get_model("cms", "KnowledgeBaseApprovalTask")
    Task = apps.get_model("wagtailcore", "Task")
    task_ids = GroupApprovalTask.objects.filter(pk__in=_review_task_ids(apps)).values_list(
        "pk", flat=True
    )
    for task_id in task_ids:
        # Only the child row: the group approval (and its task) stay as they are.
        KnowledgeBaseApprovalTask(groupapprovaltask_ptr_id=task_id).save_base(raw=True)
    Task.objects.filter(pk__in=list(task_ids)).update(
        content_type=_content_type(apps, "cms", "knowledgebaseapprovaltask")
    )


def to_group_approval(apps, schema_editor):
    KnowledgeBaseApprovalTask = apps.get_model("cms", "KnowledgeBaseApprovalTask")
    Task = apps.get_model("wagtailcore", "Task")
    task_ids = list(KnowledgeBaseApprovalTask.objects.values_list("pk", flat=True))
    for task in KnowledgeBaseApprovalTask.objects.filter(pk__in=task_ids):
        task.delete(keep_parents=True)
    Task.objects.filter(pk__in=task_ids).update(
        content_type=_content_type(apps, "wagtailcore", "groupapprovaltask")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0005_editors_approve_knowledge_base"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="KnowledgeBaseApprovalTask",
            fields=[
                (
                    "groupapprovaltask_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="wagtailcore.groupapprovaltask",
                    ),
                ),
            ],
            options={
                "verbose_name": "Knowledge-base approval",
                "verbose_name_plural": "Knowledge-base approvals",
            },
            bases=("wagtailcore.groupapprovaltask",),
        ),
        migrations.RunPython(to_knowledge_base_approval, to_group_approval),
    ]
