"""Keeps the search index of a question or topic current when its answers or posts change.

The work runs in Wagtail's own background task (django-tasks), as page and model saves do.
"""

from modelsearch.tasks import insert_or_update_object_task


def reindex_parent_of_answer(sender, instance, raw=False, **kwargs) -> None:
    if raw or not instance.question_id:
        return
    insert_or_update_object_task.enqueue("qa", "question", str(instance.question_id))


def reindex_parent_of_post(sender, instance, raw=False, **kwargs) -> None:
    if raw or not instance.topic_id:
        return
    insert_or_update_object_task.enqueue("forum", "topic", str(instance.topic_id))
