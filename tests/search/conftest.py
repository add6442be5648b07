import pytest

from cms.enums import Layer
from community.moderation.enums import ContentStatus


@pytest.fixture
def sections(knowledge_base):
    return knowledge_base[1]


@pytest.fixture
def staff_user(user_factory):
    """A staff member who may use the Wagtail admin (where the content-gaps report lives)."""
    from django.contrib.auth.models import Permission

    user = user_factory(username="staffer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def unpublished_zebras(sections, question_factory, topic_factory, article_factory, product_factory):
    """Content titled "Zebra pattern ..." that the public may not see: a hidden and a held
    question, a deleted topic, a draft article and a draft product."""
    for title, status in (
        ("hidden question", ContentStatus.HIDDEN),
        ("held question", ContentStatus.PENDING),
    ):
        question = question_factory(title=f"Zebra pattern {title}")
        question.status = status
        question.save()
    deleted = topic_factory(title="Zebra pattern deleted topic")
    deleted.status = ContentStatus.DELETED
    deleted.save()
    article_factory(
        section=sections[Layer.AFTER_BUYING], title="Zebra pattern draft article", live=False
    )
    product_factory(title="Zebra pattern draft product", live=False)
