from django.urls import path

from .views import boards, staff, topics

app_name = "forum"

urlpatterns = [
    path("forum/", boards.BoardListView.as_view(), name="board-list"),
    path("forum/topics/<int:pk>/", topics.TopicDetailView.as_view(), name="topic-detail-short"),
    path("forum/topics/<int:pk>/reply/", topics.reply_create_view, name="reply-create"),
    path("forum/topics/<int:pk>/pin/", staff.topic_pin_view, name="topic-pin"),
    path("forum/topics/<int:pk>/lock/", staff.topic_lock_view, name="topic-lock"),
    path("forum/topics/<int:pk>/feature/", staff.topic_feature_view, name="topic-feature"),
    path("forum/topics/<int:pk>/move/", staff.topic_move_view, name="topic-move"),
    path("forum/topics/<int:pk>/split/", staff.topic_split_view, name="topic-split"),
    path("forum/topics/<int:pk>/merge/", staff.topic_merge_view, name="topic-merge"),
    # Last among the topic paths: its slug would swallow "reply", "follow", ...
    path(
        "forum/topics/<int:pk>/<slug:slug>/",
        topics.TopicDetailView.as_view(),
        name="topic-detail",
    ),
    path("forum/posts/<int:pk>/", topics.post_permalink_view, name="post-permalink"),
    path("forum/posts/<int:pk>/edit/", topics.post_edit_view, name="post-edit"),
    path("forum/posts/<int:pk>/history/", topics.post_history_view, name="post-history"),
    path("forum/posts/<int:pk>/delete/", topics.post_delete_view, name="post-delete"),
    path("forum/<slug:slug>/", boards.BoardDetailView.as_view(), name="board-detail"),
    path("forum/<slug:slug>/new/", boards.TopicCreateView.as_view(), name="topic-create"),
]
