"""Editors approve (and so publish) knowledge-base articles submitted for review; until now
the approval sat with the Moderators, and editors could only submit. Approving publishes, so
the editors may publish under the knowledge base (and nowhere else)."""

from django.db import migrations

WORKFLOW = "Knowledge base review"


def approval_to_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is None:
        return  # made with the editors as approvers when the knowledge base is created
    editors, _created = Group.objects.get_or_create(name="Editors")
    task_ids = workflow.workflow_tasks.values_list("task_id", flat=True)
    for task in GroupApprovalTask.objects.filter(pk__in=task_ids):
        task.groups.set([editors])
    publish = _publish_permission(apps)
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for page_id in _knowledge_base_ids(apps, workflow):
        GroupPagePermission.objects.get_or_create(
            group=editors, page_id=page_id, permission=publish
        )


def _publish_permission(apps):
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    page_type, _created = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    permission, _created = Permission.objects.get_or_create(
        content_type=page_type, codename="publish_page", defaults={"name": "Can publish any page"}
    )
    return permission


def _knowledge_base_ids(apps, workflow):
    """The pages the workflow is assigned to: the knowledge-base indexes."""
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    return WorkflowPage.objects.filter(workflow=workflow).values_list("page_id", flat=True)


def approval_to_moderators(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is None:
        return
    moderators, _created = Group.objects.get_or_create(name="Moderators")
    task_ids = workflow.workflow_tasks.values_list("task_id", flat=True)
    for task in GroupApprovalTask.objects.filter(pk__in=task_ids):
        task.groups.set([moderators])
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupPagePermission.objects.filter(
        group__name="Editors",
        page_id__in=_knowledge_base_ids(apps, workflow),
        permission=_publish_permission(apps),
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_knowledge_base"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(approval_to_editors, approval_to_moderators)]
