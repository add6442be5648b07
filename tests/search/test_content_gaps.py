import pytest
from django.urls import reverse

from community.search.models import SearchQueryLog

pytestmark = pytest.mark.django_db


def test_each_search_is_logged_normalised_without_who_searched(customer_client, question_factory):
    question_factory(title="Blender lid leaks")

    customer_client.get(reverse("search"), {"q": "  Blender   LID "})
    customer_client.get(reverse("search"), {"q": "blender lid"})
    customer_client.get(reverse("search"), {"q": "quantum toaster"})

    rows = {row.query: row for row in SearchQueryLog.objects.all()}
    assert rows["blender lid"].searches == 2
    assert rows["blender lid"].result_count == 1
    assert rows["quantum toaster"].result_count == 0
    field_names = {field.name for field in SearchQueryLog._meta.get_fields()}
    assert not field_names & {"user", "ip", "ip_address", "session", "session_key"}


def test_opening_a_result_is_counted_as_a_click(client, question_factory):
    question = question_factory(title="Blender lid leaks")
    page = client.get(reverse("search"), {"q": "blender lid"})
    link = page.context["hits"][0].link

    response = client.get(link)

    assert response["Location"] == question.get_absolute_url()
    assert SearchQueryLog.objects.get().clicks == 1


def _gaps(client, days=30):
    return client.get(reverse("search-content-gaps"), {"days": days})


def test_staff_see_searches_without_results_and_without_clicks(
    client, staff_user, question_factory
):
    question_factory(title="Blender lid leaks")
    client.get(reverse("search"), {"q": "quantum toaster"})
    client.get(reverse("search"), {"q": "blender lid"})
    client.force_login(staff_user)

    response = _gaps(client, days=7)

    assert response.status_code == 200
    assert [row["query"] for row in response.context["no_results"]] == ["quantum toaster"]
    assert [row["query"] for row in response.context["no_clicks"]] == ["blender lid"]


def test_customers_cannot_see_the_content_gaps_report(customer_client):
    assert _gaps(customer_client).status_code in (302, 403)
    response = customer_client.post(reverse("search-content-gap-handled"), {"query": "x"})
    assert response.status_code in (302, 403)


def test_staff_mark_a_search_handled(client, staff_user):
    client.get(reverse("search"), {"q": "quantum toaster"})
    client.force_login(staff_user)

    response = client.post(
        reverse("search-content-gap-handled") + "?days=90", {"query": "Quantum  Toaster"}
    )

    assert response.status_code == 302
    assert SearchQueryLog.objects.get().handled is True
    assert _gaps(client, days=90).context["no_results"] == []


def test_searches_wait_in_memory_and_are_written_together_when_due(
    client, settings, question_factory
):
    """A search page does not write: the counts follow once the flush interval has passed."""
    from community.search import services

    settings.SEARCH_LOG_FLUSH_SECONDS = 3600
    question_factory(title="Blender lid leaks")
    services.search_log_flush()  # whatever an earlier request left behind

    client.get(reverse("search"), {"q": "blender lid"})
    client.get(reverse("search"), {"q": "Blender  lid"})
    assert not SearchQueryLog.objects.exists()

    settings.SEARCH_LOG_FLUSH_SECONDS = 0
    client.get(reverse("search"), {"q": "quantum toaster"})

    rows = {row.query: row.searches for row in SearchQueryLog.objects.all()}
    assert rows == {"blender lid": 2, "quantum toaster": 1}


def test_a_click_and_the_report_count_searches_not_yet_written(
    client, settings, staff_user, question_factory
):
    from community.search import services

    settings.SEARCH_LOG_FLUSH_SECONDS = 3600
    question_factory(title="Blender lid leaks")
    services.search_log_flush()
    page = client.get(reverse("search"), {"q": "blender lid"})
    client.get(reverse("search"), {"q": "quantum toaster"})

    client.get(page.context["hits"][0].link)
    assert SearchQueryLog.objects.get(query="blender lid").clicks == 1
    client.force_login(staff_user)
    report = _gaps(client, days=7)

    assert [row["query"] for row in report.context["no_results"]] == ["quantum toaster"]
