from django.urls import path

from . import privacy_views, views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.ProfileEditView.as_view(), name="profile-edit"),
    path("privacy/", privacy_views.privacy_view, name="privacy"),
    path("privacy/export/", privacy_views.privacy_export_view, name="privacy-export"),
    path(
        "privacy/download/<str:token>/",
        privacy_views.privacy_download_view,
        name="privacy-download",
    ),
    path("privacy/delete/", privacy_views.privacy_delete_view, name="privacy-delete"),
    path(
        "privacy/delete/confirm/<str:token>/",
        privacy_views.privacy_delete_confirm_view,
        name="privacy-delete-confirm",
    ),
]
