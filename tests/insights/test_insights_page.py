"""The Insights page: every figure exact from known data, filters, bad input, CSV, who may see
it, and a query count that does not grow with the data."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from community.common.periods import Window
from insights.periods import Filters
from insights.selectors import insights_report, insights_table
from insights.tables import table_csv

H = timedelta(hours=1)


def _page(client, query):
    return client.get(reverse("insights"), query)


def _report(seeded, **filters):
    window = Window(seeded.monday, seeded.monday + timedelta(days=13))
    return insights_report(window, Filters(**filters))


def _figures(report) -> dict:
    return {str(figure.label): figure.value for figure in report.figures}


def test_the_question_figures_are_exact(seeded):
    figures = _figures(_report(seeded))
    assert figures["Questions asked"] == 5
    assert figures["Answered"] == 4 / 5
    assert figures["Accepted or official answer"] == 3 / 5
    # First answers after 1, 2, 5 and 10 hours; resolved by answers written after 3, 2, 10.
    assert figures["Time to first answer, median"] == 3.5 * H
    assert figures["Time to first answer, 90th percentile"] == 10 * H
    assert figures["Time to accepted or official answer, median"] == 3 * H
    assert figures["Time to accepted or official answer, 90th percentile"] == 10 * H
    assert figures["First answers by the community"] == 3 / 4


def test_the_self_service_figures_are_exact(seeded):
    figures = _figures(_report(seeded))
    assert figures["Searches"] == 12
    assert figures["Searches with no result"] == 4
    assert figures["Searches with no result opened"] == 3
    assert figures["Suggestions opened while asking"] == 3
    # Two suggestions ended without a question; five questions were posted.
    assert figures["Deflection rate"] == 2 / 7
    assert figures["Unanswered questions"] == 2


def test_the_weekly_table_counts_each_week(seeded):
    weeks = _report(seeded).tables["weeks"].rows
    assert [row[0] for row in weeks] == [seeded.monday, seeded.monday + timedelta(days=7)]
    first, second = weeks
    assert first == [seeded.monday, 3, 1.0, 2 / 3, 2 * H, 5 * H, 2.5 * H, 3 * H, 2 / 3]
    assert second == [
        seeded.monday + timedelta(days=7),
        2,
        0.5,
        0.5,
        10 * H,
        10 * H,
        10 * H,
        10 * H,
        1.0,
    ]


def test_products_show_questions_per_100_orders_and_none_without_orders(seeded):
    rows = {row[0]: row for row in _report(seeded).tables["products"].rows}
    assert list(rows) == ["Skillet", "Kettle", "Grinder"]
    skillet, kettle, grinder = rows["Skillet"], rows["Kettle"], rows["Grinder"]
    assert skillet[1:5] == ["Cookware", 2, 200.0, 4]
    assert kettle[1:5] == ["Appliances", 0, None, 1]
    # The kettle's only question has no answer: no times to measure.
    assert kettle[5:] == [0.0, 0.0, None, None, None, None, None]
    assert grinder[1:5] == ["Appliances", 1, 0.0, 0]
    assert grinder[5:] == [None] * 7


def test_reviews_show_rating_trend_and_replies_to_low_stars(seeded):
    (row,) = _report(seeded).tables["reviews"].rows
    title, reviews, average, change, low, replied, reply_time = row
    assert (title, reviews, low, replied, reply_time) == ("Skillet", 3, 2, 0.5, 4 * H)
    assert average == 8 / 3
    assert change == pytest.approx(8 / 3 - 4)


def test_tags_articles_helpers_and_moderation(seeded):
    report = _report(seeded)
    assert report.tables["tags"].rows == [["lid", 2], ["handle", 1]]
    assert report.tables["articles"].rows == [
        ["Descaling", 1, 0, 0.0],
        ["Seasoning", 3, 2, 2 / 3],
    ]
    helpers = report.tables["helpers"].rows
    assert helpers[0] == ["Sam Support", "yes", 2, 2]
    assert helpers[1][2:] == [1, 1]
    assert [row[2:] for row in helpers[2:]] == [[0, 1], [0, 1]]
    assert report.tables["moderation"].rows == [[2, 1, 1, 0.5 * H, 0.5 * H, 1, 1]]


def test_wishes_are_counted_per_product_and_category(seeded):
    report = _report(seeded)
    assert report.tables["wishes-products"].rows == [["Skillet", 1, 1, 2], ["Kettle", 1, 0, 1]]
    assert report.tables["wishes-categories"].rows == [
        ["Cookware", 1, 1, 2],
        ["Appliances", 1, 0, 1],
    ]
    posts = report.tables["wishes-posts"].rows
    assert [(row[0][0], str(row[1])) for row in posts] == [
        ("Question five about the product, please help", "Assortment wish"),
        ("Please sell a skillet lid", "Assortment wish"),
        ("Question one about the product, please help", "Product problem"),
    ]


def test_the_unanswered_worklist_lists_the_oldest_first(seeded):
    rows = _report(seeded).tables["unanswered"].rows
    assert [row[0] for row in rows] == [
        (seeded.questions[name].title, seeded.questions[name].get_absolute_url())
        for name in ("q7", "q5")
    ]


def test_filters_narrow_the_questions(seeded):
    kettle = _figures(_report(seeded, product=seeded.kettle))
    assert kettle["Questions asked"] == 1
    assert kettle["Answered"] == 0.0
    assert kettle["Time to first answer, median"] is None
    assert _figures(_report(seeded, category=seeded.skillet.category))["Questions asked"] == 4
    assert _figures(_report(seeded, phase="after"))["Questions asked"] == 1
    # Topics have no buying phase: with one chosen, only the labelled question counts.
    wishes = _report(seeded, phase="after").tables["wishes-products"].rows
    assert wishes == [["Kettle", 1, 0, 1]]


def test_an_empty_period_has_no_figures_to_show(db):
    today = timezone.localdate()
    report = insights_report(Window(today - timedelta(days=6), today), Filters())
    figures = _figures(report)
    assert figures["Questions asked"] == 0
    assert figures["Answered"] is None
    assert figures["Time to first answer, median"] is None
    assert figures["Time to first answer, 90th percentile"] is None
    assert figures["Deflection rate"] is None
    assert report.tables["products"].rows == []
    assert all(row[1] == 0 for row in report.tables["weeks"].rows)


def test_staff_see_the_page_with_definitions_and_charts(staff_client, seeded):
    response = _page(staff_client, seeded.query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Time to first answer, median" in html
    assert "3 h 30 min" in html
    assert "The middle of the times from a question to its first public answer." in html
    assert html.count('<svg class="insights-chart"') >= 5
    assert 'role="img"' in html
    assert '<caption class="w-sr-only">Questions per week</caption>' in html


def test_editors_see_the_page(client, editor, seeded):
    client.force_login(editor)
    assert _page(client, seeded.query).status_code == 200


def test_the_admin_menu_offers_insights_only_to_those_who_may_see_it(
    client, insights_staff, editor, user_factory
):
    admin_only = user_factory(username="admin-only")
    admin_only.user_permissions.add(Permission.objects.get(codename="access_admin"))
    link = f'href="{reverse("insights")}"'
    for user, shown in ((insights_staff, True), (editor, True), (admin_only, False)):
        client.force_login(user)
        assert (link in client.get("/admin/").content.decode()) is shown


def test_customers_and_visitors_cannot_see_insights(client, customer_client, seeded):
    for url in (reverse("insights"), reverse("insights-csv", args=["weeks"])):
        assert customer_client.get(url).status_code in (302, 403)
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]
    response = customer_client.post(reverse("insights-summary-email"), {"on": "1"})
    assert response.status_code in (302, 403)


def test_staff_without_admin_access_are_refused(client, user_factory):
    client.force_login(user_factory(username="desk", is_staff=True))
    assert _page(client, {}).status_code in (302, 403)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"period": "custom"}, "give both the first and last day"),
        ({"period": "custom", "start": "2024-05-10", "end": "2024-05-01"}, "comes before"),
        ({"period": "custom", "start": "yesterday", "end": "2024-05-01"}, "Enter a valid date"),
        ({"period": "custom", "start": "2020-01-01", "end": "2024-01-01"}, "at most 366 days"),
        ({"period": "12"}, "Select a valid choice"),
        ({"product": "999999"}, "Select a valid choice"),
        ({"period": "custom", "start": "2999-01-01", "end": "2999-01-02"}, "in the future"),
    ],
)
def test_bad_period_input_is_answered_clearly(staff_client, query, message):
    response = _page(staff_client, query)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "These figures cannot be shown" in html
    csv_response = staff_client.get(reverse("insights-csv", args=["weeks"]), query)
    assert csv_response.status_code == 400
    assert message in csv_response.content.decode()


def test_each_table_downloads_as_csv(staff_client, seeded):
    response = staff_client.get(reverse("insights-csv", args=["products"]), seeded.query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    first = seeded.monday.isoformat()
    assert f'filename="insights-products-{first}-' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:6] == [
        "product",
        "category",
        "orders",
        "questions per 100 orders",
        "questions",
        "answered (%)",
    ]
    assert rows[1][:7] == ["Skillet", "Cookware", "2", "200.00", "4", "100.0", "75.0"]
    assert rows[2][:5] == ["Kettle", "Appliances", "0", "", "1"]
    unanswered = staff_client.get(reverse("insights-csv", args=["unanswered"]), seeded.query)
    rows = list(csv.reader(io.StringIO(unanswered.content.decode())))
    assert rows[0] == ["question", "address", "product", "asked"]
    assert rows[1][1] == seeded.questions["q7"].get_absolute_url()
    html = _page(staff_client, seeded.query).content.decode()
    for key in ("weeks", "products", "reviews", "tags", "articles", "wishes-products", "helpers"):
        assert reverse("insights-csv", args=[key]) in html
    assert staff_client.get(reverse("insights-csv", args=["nothing"])).status_code == 404


def test_a_csv_download_is_the_page_table_and_computes_only_that_table(staff_client, seeded):
    window = Window(seeded.monday, seeded.monday + timedelta(days=13))
    report = insights_report(window, Filters())
    for key, table in report.tables.items():
        assert table_csv(insights_table(key, window, Filters())) == table_csv(table)
    assert insights_table("nothing", window, Filters()) is None
    with CaptureQueriesContext(connection) as page:
        insights_report(window, Filters())
    with CaptureQueriesContext(connection) as tags:
        insights_table("tags", window, Filters())
    assert len(tags) < len(page) / 4


def _queries(client, query) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert _page(client, query).status_code == 200
    return len(captured)


def test_the_query_count_does_not_grow_with_the_data(
    staff_client, seeded, question_factory, answer_factory, django_assert_max_num_queries
):
    with django_assert_max_num_queries(40):
        assert _page(staff_client, seeded.query).status_code == 200
    before = _queries(staff_client, seeded.query)
    for n in range(6):
        question = question_factory(title=f"Another question number {n} about lids", answers=2)
        question.refresh_from_db()
    assert _queries(staff_client, {"period": "7"}) == _queries(staff_client, {"period": "7"})
    assert _queries(staff_client, seeded.query) == before
    filtered = {**seeded.query, "product": seeded.skillet.pk}
    with django_assert_max_num_queries(42):
        assert _page(staff_client, filtered).status_code == 200
