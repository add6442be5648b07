import pytest


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
