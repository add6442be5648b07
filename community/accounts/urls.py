from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.ProfileEditView.as_view(), name="profile-edit"),
]
