from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("click/", views.result_click, name="click"),
    path("suggestions/", views.suggestions, name="suggestions"),
    path("suggestion/", views.suggestion_open, name="suggestion-open"),
    path("typeahead/", views.typeahead_results, name="typeahead"),
]
