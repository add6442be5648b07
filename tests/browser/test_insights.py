"""Staff open Insights in the admin and see the charts, with their numbers in tables."""

from datetime import timedelta

from django.contrib.auth.models import Permission
from django.utils import timezone
from playwright.sync_api import expect

from qa.models import Answer, Question
from tests.browser.conftest import ARTIFACTS
from tests.conftest import PASSWORD


def test_staff_see_the_insights_charts(page, user_factory, question_factory, product_factory):
    staff = user_factory(username="analyst", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    skillet = product_factory(title="Cast-iron skillet")
    now = timezone.now()
    for n in range(4):
        question = question_factory(
            title=f"Does the skillet work on induction, case {n}?", product=skillet, answers=n % 3
        )
        Question.objects.filter(pk=question.pk).update(created_at=now - timedelta(days=3 * n + 1))
        Answer.objects.filter(question=question).update(
            created_at=now - timedelta(days=3 * n + 1) + timedelta(hours=n + 1)
        )

    page.goto("/accounts/login/")
    page.get_by_label("Username or email").fill("analyst")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto("/admin/insights/?period=30")

    expect(page.get_by_role("heading", name="Insights", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Questions per week")).to_be_visible()
    charts = page.locator("svg.insights-chart[role=img]")
    expect(charts.first).to_be_visible()
    assert charts.count() >= 3
    expect(page.get_by_role("img", name="Questions per product: questions")).to_be_visible()
    table = page.get_by_role("table", name="Questions per product")
    expect(table.get_by_role("rowheader", name="Cast-iron skillet")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "insights.png"), full_page=True)
    page.locator("#products").screenshot(path=str(ARTIFACTS / "insights-products.png"))

    page.get_by_label("Period", exact=True).select_option("custom")
    page.get_by_label("From", exact=True).fill("2024-05-10")
    page.get_by_label("To", exact=True).fill("2024-05-01")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("alert")).to_contain_text("The last day comes before the first day.")
