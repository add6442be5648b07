from django.urls import path

from . import accountability_views, views

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
    path("notice/<str:kind>/<id:pk>/", accountability_views.notice_view, name="notice"),
    path("decisions/", accountability_views.my_decisions_view, name="my-decisions"),
    path("decisions/<id:pk>/", accountability_views.decision_view, name="decision"),
    path(
        "decisions/about/<str:kind>/<id:pk>/",
        accountability_views.decision_about_view,
        name="decision-about",
    ),
    path("appeals/", accountability_views.appeal_queue_view, name="appeals"),
    path("appeals/<id:pk>/decide/", accountability_views.appeal_decide_view, name="appeal-decide"),
    path("transparency/", accountability_views.transparency_view, name="transparency"),
]
