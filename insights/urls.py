from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("summary/stop/<str:token>/", views.summary_stop_view, name="summary-stop"),
]
