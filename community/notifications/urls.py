from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list_view, name="list"),
    path("settings/", views.notification_settings_view, name="settings"),
    path("read-all/", views.notification_mark_all_read_view, name="read-all"),
    path("<id:pk>/open/", views.notification_open_view, name="open"),
    path("<id:pk>/read/", views.notification_mark_read_view, name="read"),
    path("unsubscribe/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
    path("follow/<str:target_type>/<id:pk>/", views.follow_view, name="follow"),
]
