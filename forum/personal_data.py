"""What the forum holds about a member, for their download and for erasing their account.

Topics and posts stay when the account is erased (shown as by "Former member"; removed through
moderation's delete path when the member asks); what they had read goes."""

from community.accounts.personal_data import Erasure, register_personal_data

from .models import Post, Topic, TopicReadState


def topics(user):
    return Topic.objects.filter(author=user).values(
        "id", "status", "title", "board__name", "created_at"
    )


def posts(user):
    return Post.objects.filter(author=user).values(
        "id", "status", "body", "topic_id", "topic__title", "created_at"
    )


def read_states_erase(erasure: Erasure) -> None:
    TopicReadState.objects.filter(user=erasure.user).delete()


def register() -> None:
    register_personal_data("forum_topics", export=topics)
    register_personal_data("forum_posts", export=posts, erase=read_states_erase)
