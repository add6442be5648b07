from django.urls import path

from . import views

app_name = "moderation"

urlpatterns = [
    path("", views.queue_view, name="queue"),
    path("decide/", views.decide_view, name="decide"),
    path("label/", views.label_view, name="label"),
    path("audit/", views.audit_log_view, name="audit-log"),
    path("reports/", views.my_reports_view, name="my-reports"),
    path("report/<str:kind>/<id:pk>/", views.flag_view, name="flag"),
    path("item/<id:content_type_id>/<id:pk>/", views.item_view, name="item"),
    path(
        "warnings/<id:pk>/acknowledge/",
        views.warning_acknowledge_view,
        name="warning-acknowledge",
    ),
]
