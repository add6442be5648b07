from django.urls import path

from . import reference
from .read_urls import read_patterns

app_name = "api"

urlpatterns = [
    path("", reference.ReferenceView.as_view(), name="reference"),
    path("openapi.json", reference.OpenApiView.as_view(), name="openapi"),
    *read_patterns,
]
