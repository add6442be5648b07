import pytest

from community.moderation.enums import ContentStatus
from community.moderation.services import content_hide
from community.notifications.models import Follow
from community.revisions.models import Revision
from forum import services
from forum.models import Board, Post, Topic
from forum.views.topics import POSTS_PER_PAGE

pytestmark = pytest.mark.django_db


def _no_photos() -> dict:
    return {"photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0"}


# SECTION starting a topic


def test_starting_a_topic_needs_a_signed_in_member(client, board):
    response = client.get(f"/forum/{board.slug}/new/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    response = client.post(f"/forum/{board.slug}/new/", {"title": "Hello all", "body": "Hi"})
    assert response.status_code == 302
    assert not Topic.objects.exists()


def test_a_customer_starts_a_topic_and_follows_it(customer_client, customer, board):
    response = customer_client.post(
        f"/forum/{board.slug}/new/",
        {"title": "  My   new  kettle  ", "body": "It **whistles**.", **_no_photos()},
    )

    topic = Topic.objects.get()
    assert response.status_code == 302
    assert response["Location"] == topic.get_absolute_url()
    assert topic.title == "My new kettle"
    assert topic.first_post.body_rendered == "<p>It <strong>whistles</strong>.</p>"
    assert Follow.objects.filter(target_type="topic", target_id=topic.pk, user=customer).exists()
    board.refresh_from_db()
    assert (board.topic_count, board.post_count, board.last_post_id) == (1, 1, topic.first_post_id)


def test_a_topic_with_a_too_short_title_is_refused_and_the_text_is_kept(customer_client, board):
    response = customer_client.post(
        f"/forum/{board.slug}/new/", {"title": "Hi", "body": "The text I typed.", **_no_photos()}
    )

    assert response.status_code == 400
    assert "The text I typed." in response.content.decode()
    assert not Topic.objects.exists()


def test_a_topic_can_link_to_a_product_and_carry_staff_made_tags(
    customer_client, board, product_factory
):
    from taggit.models import Tag

    product = product_factory(title="Dutch oven")
    Tag.objects.create(name="Bread", slug="bread")
    customer_client.post(
        f"/forum/{board.slug}/new/",
        {
            "title": "Baking in the oven",
            "body": "So good.",
            "product": product.pk,
            "tags": ["bread"],
            **_no_photos(),
        },
    )

    topic = Topic.objects.get()
    assert topic.product == product
    assert list(topic.tags.names()) == ["Bread"]
    html = customer_client.get(topic.get_absolute_url()).content.decode()
    assert "Dutch oven" in html and "Bread" in html


def test_a_new_topic_on_an_unknown_board_is_not_found(customer_client):
    assert customer_client.get("/forum/nowhere/new/").status_code == 404


def test_board_slugs_cannot_take_the_forums_own_paths():
    from django.core.exceptions import ValidationError

    board = Board(name="Topics", slug="topics")
    with pytest.raises(ValidationError):
        board.full_clean()


# SECTION the topic page


def test_the_topic_page_shows_posts_in_order_with_shared_markup(client, topic_factory):
    topic = topic_factory(body="First *post*", replies=2)

    html = client.get(topic.get_absolute_url()).content.decode()

    assert "First <em>post</em>" in html
    assert html.index("Reply number 1.") < html.index("Reply number 2.")


def test_an_old_slug_redirects_to_the_current_address(client, topic_factory):
    topic = topic_factory(title="A clear title")

    response = client.get(f"/forum/topics/{topic.pk}/old-title/")

    assert response.status_code == 301
    assert response["Location"] == topic.get_absolute_url()
    assert client.get(f"/forum/topics/{topic.pk}/").status_code == 301


def test_posts_are_paged_and_a_permalink_finds_the_right_page(client, topic_factory, user_factory):
    topic = topic_factory()
    author = user_factory()
    posts = [
        services.reply_create(topic=topic, author=author, body=f"Reply {n}.")
        for n in range(POSTS_PER_PAGE + 2)
    ]
    last = posts[-1]

    response = client.get(f"/forum/posts/{last.pk}/")

    assert response.status_code == 302
    assert response["Location"] == f"{topic.get_absolute_url()}?page=2#post-{last.pk}"
    page_two = client.get(f"{topic.get_absolute_url()}?page=2").content.decode()
    assert f'id="post-{last.pk}"' in page_two
    assert f'id="post-{posts[0].pk}"' not in page_two


def test_hidden_topics_are_not_found_by_visitors_but_seen_by_staff(
    client, topic_factory, staff_user
):
    topic = topic_factory()
    content_hide(item=topic, staff=staff_user, reason="Spam")

    assert client.get(topic.get_absolute_url()).status_code == 404
    client.force_login(staff_user)
    assert client.get(topic.get_absolute_url()).status_code == 200


# SECTION replying and quoting


def test_a_customer_replies_and_follows_the_topic(customer_client, customer, topic_factory):
    topic = topic_factory()

    response = customer_client.post(
        f"/forum/topics/{topic.pk}/reply/", {"body": "Me too!", **_no_photos()}
    )

    post = Post.objects.get(body="Me too!")
    assert response.status_code == 302
    assert response["Location"] == f"/forum/posts/{post.pk}/"
    topic.refresh_from_db()
    assert topic.reply_count == 1
    assert topic.last_post == post
    assert topic.board.post_count if False else Board.objects.get().post_count == 2
    assert Follow.objects.filter(target_type="topic", target_id=topic.pk, user=customer).exists()


def test_a_visitor_cannot_reply(client, topic_factory):
    topic = topic_factory()

    response = client.post(f"/forum/topics/{topic.pk}/reply/", {"body": "Hello"})

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert topic.posts.count() == 1


def test_an_empty_reply_is_refused_on_the_topic_page(customer_client, topic_factory):
    topic = topic_factory()

    response = customer_client.post(
        f"/forum/topics/{topic.pk}/reply/", {"body": " ", **_no_photos()}
    )

    assert response.status_code == 400
    assert "field__error" in response.content.decode()
    assert topic.posts.count() == 1


def test_a_locked_topic_refuses_replies_from_customers(customer_client, topic_factory, staff_user):
    topic = topic_factory()
    services.topic_set_locked(topic=topic, staff=staff_user, locked=True)

    response = customer_client.post(
        f"/forum/topics/{topic.pk}/reply/", {"body": "Let me in", **_no_photos()}
    )

    assert response.status_code == 400
    assert "locked" in response.content.decode()
    assert "Let me in" in response.content.decode()
    assert topic.posts.count() == 1


def test_quoting_prefills_the_reply_with_a_quote_and_a_link(
    customer_client, topic_factory, user_factory
):
    quoted_author = user_factory(display_name="Quinn")
    topic = topic_factory()
    post = services.reply_create(topic=topic, author=quoted_author, body="Line one\nLine two")

    html = customer_client.get(f"{topic.get_absolute_url()}?quote={post.pk}").content.decode()

    assert f"[Quinn wrote](/forum/posts/{post.pk}/):" in html
    assert "&gt; Line one\n&gt; Line two" in html
    assert f'name="quoted" value="{post.pk}"' in html


def test_a_quoting_reply_remembers_what_it_quotes(customer_client, topic_factory):
    topic = topic_factory()
    first = topic.first_post

    customer_client.post(
        f"/forum/topics/{topic.pk}/reply/",
        {"body": "> quoted\n\nAgreed.", "quoted": first.pk, **_no_photos()},
    )

    reply = Post.objects.get(body__endswith="Agreed.")
    assert reply.quoted == first
    assert "<blockquote>" in reply.body_rendered


def test_quoting_a_post_of_another_topic_is_ignored(customer_client, topic_factory):
    topic, other = topic_factory(), topic_factory()

    customer_client.post(
        f"/forum/topics/{topic.pk}/reply/",
        {"body": "Hmm.", "quoted": other.first_post_id, **_no_photos()},
    )

    assert Post.objects.get(body="Hmm.").quoted is None


# SECTION editing and deleting


def test_authors_edit_their_post_with_history(client, topic_factory, customer):
    topic = topic_factory(author=customer, title="Original title")
    client.force_login(customer)

    response = client.post(
        f"/forum/posts/{topic.first_post_id}/edit/",
        {"title": "Better title", "body": "New text", "summary": "typo"},
    )

    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.title == "Better title"
    assert topic.slug == "better-title"
    post = topic.first_post
    post.refresh_from_db()
    assert post.body == "New text" and post.edited_at
    assert Revision.objects.filter(target_id=post.pk).count() == 2
    history = client.get(f"/forum/posts/{post.pk}/history/").content.decode()
    assert "New text" in history and "typo" in history and "Edit history" in history


def test_others_cannot_edit_a_post(customer_client, topic_factory):
    topic = topic_factory()

    response = customer_client.post(f"/forum/posts/{topic.first_post_id}/edit/", {"body": "x!"})

    assert response.status_code == 403


def test_an_edit_with_empty_text_is_refused(client, topic_factory, customer):
    topic = topic_factory(author=customer)
    client.force_login(customer)

    response = client.post(
        f"/forum/posts/{topic.first_post_id}/edit/", {"title": "Still good", "body": ""}
    )

    assert response.status_code == 400


def test_authors_delete_their_reply_softly(client, topic_factory, reply_factory, customer):
    topic = topic_factory()
    reply = reply_factory(topic=topic, author=customer)
    client.force_login(customer)

    response = client.post(f"/forum/posts/{reply.pk}/delete/")

    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.status == ContentStatus.DELETED
    topic.refresh_from_db()
    assert topic.reply_count == 0
    assert Board.objects.get().post_count == 1


def test_the_first_post_cannot_be_deleted_once_others_replied(client, topic_factory, customer):
    topic = topic_factory(author=customer, replies=1)
    client.force_login(customer)

    assert client.post(f"/forum/posts/{topic.first_post_id}/delete/").status_code == 403


def test_deleting_the_only_post_deletes_the_topic(client, topic_factory, customer):
    topic = topic_factory(author=customer)
    client.force_login(customer)

    response = client.post(f"/forum/posts/{topic.first_post_id}/delete/")

    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.status == ContentStatus.DELETED
    assert Board.objects.get().topic_count == 0


def test_others_cannot_delete_a_post(customer_client, topic_factory):
    topic = topic_factory()

    assert customer_client.post(f"/forum/posts/{topic.first_post_id}/delete/").status_code == 403
