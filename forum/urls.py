from django.urls import include, path

from .views import boards, staff, topics

app_name = "forum"

# What one topic offers, below "forum/topics/<id:pk>/".
topic_patterns = [
    path("", topics.TopicDetailView.as_view(), name="topic-detail-short"),
    path("reply/", topics.reply_create_view, name="reply-create"),
    path("pin/", staff.topic_switch_view, {"switch": "pinned"}, name="topic-pin"),
    path("lock/", staff.topic_switch_view, {"switch": "locked"}, name="topic-lock"),
    path("feature/", staff.topic_switch_view, {"switch": "featured"}, name="topic-feature"),
    path("move/", staff.topic_move_view, name="topic-move"),
    path("split/", staff.topic_split_view, name="topic-split"),
    path("merge/", staff.topic_merge_view, name="topic-merge"),
    # Last among the topic paths: its slug would swallow "reply", "follow", ...
    path("<slug:slug>/", topics.TopicDetailView.as_view(), name="topic-detail"),
]

# What one post offers, below "forum/posts/<id:pk>/".
post_patterns = [
    path("", topics.post_permalink_view, name="post-permalink"),
    path("edit/", topics.post_edit_view, name="post-edit"),
    path("history/", topics.post_history_view, name="post-history"),
    path("delete/", topics.post_delete_view, name="post-delete"),
]

urlpatterns = [
    path("forum/", boards.BoardListView.as_view(), name="board-list"),
    path("forum/topics/<id:pk>/", include(topic_patterns)),
    path("forum/posts/<id:pk>/", include(post_patterns)),
    path("forum/<slug:slug>/", boards.BoardDetailView.as_view(), name="board-detail"),
    path("forum/<slug:slug>/new/", boards.TopicCreateView.as_view(), name="topic-create"),
]
