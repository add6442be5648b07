"""When something breaks on the site's side, the visitor gets a page of the site's own that
needs nothing but the request (no database, no context processors)."""

from django.test import RequestFactory
from django.views.defaults import server_error


def test_the_server_error_page_explains_and_leads_home_without_the_database():
    response = server_error(RequestFactory().get("/questions/"))  # no database access allowed

    page = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Something went wrong on our side</h1>" in page
    assert 'href="/"' in page
    assert "css/site" in page
