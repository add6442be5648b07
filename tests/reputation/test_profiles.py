"""Public profiles at /users/<username>/ and the leaderboard at /users/leaderboard/."""

from datetime import timedelta

import pytest
from django.utils import timezone

from community.accounts.models import User
from community.moderation.services import content_hide
from community.reputation.enums import Badge
from community.reputation.models import ReputationEvent
from community.reputation.services import badge_award
from qa import services

# A profile page costs the same however many items its tab lists: its own five queries (member,
# badges, events, count and page of the tab) plus what every page's header and session take.
PROFILE_QUERIES = 13
LEADERBOARD_QUERIES = 6


def profile_url(user, tab: str = "") -> str:
    return f"/users/{user.username}/" + (f"?tab={tab}" if tab else "")


def test_profile_shows_name_reputation_badges_and_member_since(client, user_factory):
    member = user_factory(display_name="Anna de Vries", bio="I cook a lot.")
    User.objects.filter(pk=member.pk).update(reputation=42)
    badge_award(user=member, badge=Badge.FIRST_ANSWER)

    page = client.get(profile_url(member)).content.decode()

    assert "Anna de Vries" in page
    assert "I cook a lot." in page
    assert "<strong>42</strong>" in page
    assert "First answer" in page
    assert "Answered a question for the first time." in page
    assert "member since" in page


def test_unknown_and_inactive_members_have_no_profile(client, user_factory):
    gone = user_factory(is_active=False)

    assert client.get("/users/nobody-by-this-name/").status_code == 404
    assert client.get(profile_url(gone)).status_code == 404


def test_others_see_only_published_questions(client, user_factory, staff_user, question_factory):
    member = user_factory()
    question_factory(author=member, title="Which lid fits the big pan?")
    hidden = question_factory(author=member, title="Buy cheap watches here")
    content_hide(item=hidden, staff=staff_user, reason="Spam")

    page = client.get(profile_url(member)).content.decode()

    assert "Which lid fits the big pan?" in page
    assert "Buy cheap watches here" not in page


def test_the_owner_sees_their_hidden_question_marked_as_hidden(
    client, user_factory, staff_user, question_factory
):
    member = user_factory()
    hidden = question_factory(author=member, title="Buy cheap watches here")
    content_hide(item=hidden, staff=staff_user, reason="Spam")
    client.force_login(member)

    page = client.get(profile_url(member)).content.decode()

    assert "Buy cheap watches here" in page
    assert "Hidden by staff" in page


def test_answers_tab_lists_answers_with_their_question(client, question_factory, answer_factory):
    question = question_factory(title="Does the lid fit?")
    answer = answer_factory(question=question, body="Yes, it fits.")

    page = client.get(profile_url(answer.author, "answers")).content.decode()

    assert "Does the lid fit?" in page
    assert answer.get_absolute_url() in page


def test_topics_tab_lists_forum_topics(client, topic_factory):
    topic = topic_factory(title="My bread oven build")

    page = client.get(profile_url(topic.author, "topics")).content.decode()

    assert "My bread oven build" in page


def test_an_unknown_tab_shows_questions(client, question_factory):
    question = question_factory(title="Which lid fits the big pan?")

    page = client.get(profile_url(question.author, "nonsense")).content.decode()

    assert "Which lid fits the big pan?" in page


def test_owner_sees_privileges_and_what_comes_next(client, user_factory, vote_down_needs):
    vote_down_needs(15)
    member = user_factory()
    User.objects.filter(pk=member.pk).update(reputation=12)
    client.force_login(member)

    page = client.get(profile_url(member)).content.decode()

    assert "Your privileges" in page
    assert "Next: at 15 points you can: vote down." in page


def test_others_do_not_see_someone_elses_privileges(client, user_factory):
    member = user_factory()
    client.force_login(user_factory())

    page = client.get(profile_url(member)).content.decode()

    assert "Your privileges" not in page


def test_owner_sees_their_reputation_changes(client, user_factory, question_factory):
    question = question_factory(answers=1)
    answer = question.answers.get()
    services.vote_cast(voter=user_factory(), item=answer, value=1)
    client.force_login(answer.author)

    page = client.get(profile_url(answer.author)).content.decode()

    assert "+10" in page
    assert "Answer voted up" in page


@pytest.mark.parametrize("count", [1, pytest.param(25, marks=pytest.mark.slow)])
@pytest.mark.parametrize("tab", ["questions", "answers", "topics"])
def test_a_profile_tab_takes_the_same_queries_for_one_or_many_items(
    client, django_assert_max_num_queries, user_factory, question_factory, topic_factory, tab, count
):
    member = user_factory()
    for number in range(count):
        badge_award(user=member, badge=list(Badge)[number % len(Badge)])
        question = question_factory(author=member if tab == "questions" else None)
        if tab == "answers":
            services.answer_create(question=question, author=member, body="It fits, yes.")
        if tab == "topics":
            topic_factory(author=member)
    client.force_login(member)

    with django_assert_max_num_queries(PROFILE_QUERIES):
        response = client.get(profile_url(member, tab))

    assert response.status_code == 200


# SECTION bylines


def test_answer_bylines_link_to_the_profile_with_reputation_and_badges(
    client, user_factory, question_factory
):
    question = question_factory(answers=1)
    answer = question.answers.get()
    services.vote_cast(voter=user_factory(), item=answer, value=1)

    page = client.get(question.get_absolute_url()).content.decode()

    assert f'href="/users/{answer.author.username}/"' in page
    assert f'href="/users/{question.author.username}/"' in page
    assert 'class="user-name__reputation"' in page
    assert 'class="user-name__badges"' in page  # the first-answer badge


def test_forum_bylines_link_to_the_profile(client, topic_factory):
    topic = topic_factory(replies=1)

    page = client.get(topic.get_absolute_url()).content.decode()

    assert f'href="/users/{topic.author.username}/"' in page


# SECTION leaderboard


def test_leaderboard_ranks_members_by_points_this_month(client, user_factory, question_factory):
    question = question_factory(answers=2)
    first, second = question.answers.order_by("pk")
    for _ in range(2):
        services.vote_cast(voter=user_factory(), item=second, value=1)
    services.vote_cast(voter=user_factory(), item=first, value=1)

    page = client.get("/users/leaderboard/").content.decode()

    assert page.index(second.author.public_name) < page.index(first.author.public_name)
    assert "20 points" in page
    assert "10 points" in page


def test_the_leaderboard_shows_one_figure_per_member_and_says_what_it_counts(
    client, user_factory, question_factory
):
    question = question_factory(answers=1)
    answer = question.answers.get()
    services.vote_cast(voter=user_factory(), item=answer, value=1)
    ReputationEvent.objects.filter(user=answer.author).update(
        created_at=timezone.now() - timedelta(days=40)
    )
    services.vote_cast(voter=user_factory(), item=answer, value=1)

    page = client.get("/users/leaderboard/?period=month").content.decode()
    row = page.split('class="leaderboard__row"')[1].split("</li>")[0]
    assert "10 points" in row
    assert "user-name__reputation" not in row  # not also the all-time 20
    assert "Points earned since the first of this month." in page
    everything = client.get("/users/leaderboard/?period=all").content.decode()
    assert "All points ever earned" in everything


def test_last_months_points_count_for_all_time_only(client, user_factory, question_factory):
    question = question_factory(answers=1)
    answer = question.answers.get()
    services.vote_cast(voter=user_factory(), item=answer, value=1)
    ReputationEvent.objects.update(created_at=timezone.now() - timedelta(days=40))
    name = answer.author.public_name

    assert name not in client.get("/users/leaderboard/?period=month").content.decode()
    assert name in client.get("/users/leaderboard/?period=all").content.decode()


def test_leaderboard_per_product_counts_only_that_products_points(
    client, user_factory, question_factory, product_factory
):

    kettle, toaster = product_factory(title="Kettle"), product_factory(title="Toaster")
    kettle_answer = question_factory(product=kettle, answers=1).answers.get()
    toaster_answer = question_factory(product=toaster, answers=1).answers.get()
    services.vote_cast(voter=user_factory(), item=kettle_answer, value=1)
    services.vote_cast(voter=user_factory(), item=toaster_answer, value=1)

    page = client.get(f"/users/leaderboard/?product={kettle.pk}").content.decode()

    assert kettle_answer.author.public_name in page
    assert toaster_answer.author.public_name not in page


def test_staff_are_not_on_the_leaderboard(client, staff_user, user_factory, question_factory):
    question = question_factory()
    answer = services.answer_create(question=question, author=staff_user, body="Yes, it does.")
    services.vote_cast(voter=user_factory(), item=answer, value=1)

    page = client.get("/users/leaderboard/?period=all").content.decode()

    assert f"/users/{staff_user.username}/" not in page.split('class="leaderboard"')[-1]


@pytest.mark.parametrize("count", [1, pytest.param(25, marks=pytest.mark.slow)])
@pytest.mark.parametrize("period", ["month", "all"])
def test_leaderboard_takes_the_same_queries_for_one_or_many_members(
    client,
    django_assert_max_num_queries,
    user_factory,
    question_factory,
    count,
    period,
    product_factory,
):

    product = product_factory(title="Kettle")
    question = question_factory(product=product)
    voter = user_factory()
    for _ in range(count):
        answer = services.answer_create(question=question, author=user_factory(), body="It fits.")
        services.vote_cast(voter=voter, item=answer, value=1)

    with django_assert_max_num_queries(LEADERBOARD_QUERIES):
        response = client.get(f"/users/leaderboard/?period={period}&product={product.pk}")
    assert response.status_code == 200
    assert response.content.decode().count('class="leaderboard__row"') == min(count, 20)


def test_the_footer_links_to_the_leaderboard(client, db):
    assert 'href="/users/leaderboard/"' in client.get("/questions/").content.decode()


def test_the_header_links_members_to_their_public_profile(customer_client, customer):
    page = customer_client.get("/questions/").content.decode()

    assert f'href="/users/{customer.username}/"' in page
