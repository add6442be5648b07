"""A vote earns the author points they see on their profile, beside their name and on the
leaderboard; a new member sees why they cannot vote down yet."""

from playwright.sync_api import expect

from community.common.buying_phase import Phase
from qa import services
from tests.conftest import PASSWORD


def _sign_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username or email").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("banner").get_by_role("button", name="Sign out")).to_be_visible()


def test_an_upvote_shows_up_on_the_profile_and_the_leaderboard(page, user_factory, settings):
    settings.REPUTATION_PRIVILEGE_THRESHOLDS = {
        **settings.REPUTATION_PRIVILEGE_THRESHOLDS,
        "vote_down": 15,
    }
    asker = user_factory(username="asker", display_name="Asker Anne")
    helper = user_factory(username="helper", display_name="Helpful Hugo")
    user_factory(username="voter")
    question = services.question_create(
        author=asker,
        title="Which size lid fits the 24 cm pan?",
        body="I lost the original lid.",
        phase=Phase.AFTER_PURCHASE,
    )
    services.answer_create(
        question=question, author=helper, body="The 24 cm universal glass lid fits it."
    )

    _sign_in(page, "voter")
    page.goto(question.get_absolute_url())
    answer = page.get_by_role("article", name="Answer by Helpful Hugo")
    expect(
        answer.get_by_text("You can vote down once you have 15 reputation points.")
    ).to_be_attached()
    expect(answer.get_by_role("button", name="Not useful")).to_have_count(0)
    answer.get_by_role("button", name="Useful", exact=True).click()
    expect(answer.locator(".vote__score")).to_contain_text("1")

    page.reload()
    answer = page.get_by_role("article", name="Answer by Helpful Hugo")
    expect(answer.locator(".user-name__reputation")).to_contain_text("10")
    answer.get_by_role("link", name="Helpful Hugo").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Helpful Hugo")
    expect(page.locator(".profile__stats")).to_contain_text("10 reputation")
    expect(page.get_by_text("First answer", exact=False).first).to_be_visible()
    expect(page.get_by_role("link", name="Which size lid fits the 24 cm pan?")).to_have_count(0)
    page.get_by_role("link", name="Answers").click()
    expect(page.get_by_role("link", name="Which size lid fits the 24 cm pan?")).to_be_visible()

    page.get_by_role("contentinfo").get_by_role("link", name="Top helpers").click()
    first = page.locator(".leaderboard__row").first
    expect(first).to_contain_text("Helpful Hugo")
    expect(first).to_contain_text("10 points")
