from django.urls import path

from . import views

app_name = "reputation"

urlpatterns = [
    # Before the profile pattern, so that the page is not taken for a member's name.
    path("leaderboard/", views.LeaderboardView.as_view(), name="leaderboard"),
    path("<str:username>/", views.ProfileView.as_view(), name="profile"),
]
