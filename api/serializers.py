"""What the public API says about each thing: only what the site shows anyone.

Members appear by their public name only (never an e-mail address or account details);
text comes as the sanitised HTML the site itself shows (``…_html``) or as plain text.
Which items appear at all is the selectors' business: they hand over public items only.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import Truncator
from rest_framework import serializers

EXCERPT_CHARACTERS = 280


def absolute(context: dict, path: str) -> str:
    return context["request"].build_absolute_uri(path)


def excerpt(html: str, characters: int = EXCERPT_CHARACTERS) -> str:
    """Plain text from stored HTML, shortened on a word boundary."""
    return Truncator(" ".join(strip_tags(html).split())).chars(characters)


class AuthorField(serializers.CharField):
    """A member as the public sees them: the public name, nothing else."""

    def __init__(self, **kwargs):
        super().__init__(source="author.public_name", read_only=True, **kwargs)


# SECTION products


class StarShareSerializer(serializers.Serializer):
    stars = serializers.IntegerField(min_value=1, max_value=5)
    count = serializers.IntegerField()
    percent = serializers.IntegerField()


class RatingSummarySerializer(serializers.Serializer):
    review_count = serializers.IntegerField()
    average = serializers.FloatField(allow_null=True, help_text="1 to 5; null without reviews")
    distribution = StarShareSerializer(many=True, help_text="five stars first")


class ProductSerializer(serializers.Serializer):
    sku = serializers.CharField()
    name = serializers.CharField(source="title")
    brand = serializers.CharField()
    category = serializers.CharField(source="category.name", allow_null=True, default=None)
    short_description = serializers.CharField()
    price = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    currency = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField(help_text="the product's page in the community")
    shop_url = serializers.CharField(help_text="the product's page in the shop")
    rating = RatingSummarySerializer()

    def get_currency(self, product) -> str:
        return settings.SHOP_CURRENCY

    def get_url(self, product) -> str:
        return absolute(self.context, product.url)


# SECTION questions


class AnswerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    body_html = serializers.CharField(source="body_rendered")
    author = AuthorField()
    score = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    edited_at = serializers.DateTimeField(allow_null=True)
    url = serializers.SerializerMethodField()

    def get_url(self, answer) -> str:
        return absolute(self.context, answer.get_absolute_url())


class QuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    body_html = serializers.CharField(source="body_rendered")
    phase = serializers.CharField(help_text="before or after buying")
    author = AuthorField()
    score = serializers.IntegerField()
    answer_count = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    last_activity_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField()
    accepted_answer = AnswerSerializer(
        source="accepted", allow_null=True, help_text="the asker's choice, when public"
    )
    official_answer = AnswerSerializer(
        source="official", allow_null=True, help_text="the shop's answer, when public"
    )

    def get_url(self, question) -> str:
        return absolute(self.context, question.get_absolute_url())


# SECTION reviews


class ReviewReplySerializer(serializers.Serializer):
    body_html = serializers.CharField(source="body_rendered")
    created_at = serializers.DateTimeField()
    edited_at = serializers.DateTimeField(allow_null=True)


class ReviewPhotoSerializer(serializers.Serializer):
    url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    alt_text = serializers.CharField()

    def get_url(self, photo) -> str:
        return absolute(self.context, photo.image.url)

    def get_thumbnail_url(self, photo) -> str:
        return absolute(self.context, photo.thumbnail.url)


class ReviewSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    rating = serializers.IntegerField(min_value=1, max_value=5)
    title = serializers.CharField()
    body_html = serializers.CharField(source="body_rendered")
    pros = serializers.ListField(child=serializers.CharField(), source="pros_lines")
    cons = serializers.ListField(child=serializers.CharField(), source="cons_lines")
    author = AuthorField()
    verified_buyer = serializers.BooleanField(
        source="is_verified_buyer",
        help_text="the author received the product (reviews are by verified buyers)",
    )
    helpful_count = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    edited_at = serializers.DateTimeField(allow_null=True)
    photos = ReviewPhotoSerializer(many=True)
    reply = ReviewReplySerializer(allow_null=True, help_text="the shop's reply, or null")
    url = serializers.SerializerMethodField()

    def to_representation(self, review):
        review.is_verified_buyer = review.buyer_since is not None
        return super().to_representation(review)

    def get_url(self, review) -> str:
        return absolute(self.context, review.get_absolute_url())


# SECTION articles and search


class ArticleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    summary = serializers.CharField()
    section = serializers.CharField(source="section_layer", help_text="before, after or around")
    category = serializers.CharField(source="category.name", allow_null=True, default=None)
    last_reviewed = serializers.DateField(allow_null=True)
    url = serializers.SerializerMethodField()

    def get_url(self, article) -> str:
        return absolute(self.context, article.url)


class SearchHitSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="article, faq, product, question or topic")
    title = serializers.CharField()
    snippet = serializers.SerializerMethodField(help_text="plain text around the words found")
    resolved = serializers.BooleanField(help_text="an answered question, an official article")
    url = serializers.SerializerMethodField()

    def get_snippet(self, hit) -> str:
        return excerpt(str(hit.snippet))

    def get_url(self, hit) -> str:
        return absolute(self.context, hit.url)


class SearchSerializer(serializers.Serializer):
    query = serializers.CharField(help_text="as searched: normalised, perhaps corrected")
    corrected_query = serializers.CharField(help_text="'did you mean', or empty")
    count = serializers.IntegerField()
    results = SearchHitSerializer(many=True, source="hits")


# SECTION the widget


class WidgetAnswerSerializer(serializers.Serializer):
    text = serializers.SerializerMethodField()
    author = AuthorField()
    accepted = serializers.BooleanField(source="is_accepted")
    official = serializers.BooleanField(source="is_official")

    def get_text(self, answer) -> str:
        return excerpt(answer.body_rendered)


class WidgetQuestionSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    answer_count = serializers.IntegerField()
    answer = WidgetAnswerSerializer(source="best_answer")

    def get_url(self, question) -> str:
        return absolute(self.context, question.get_absolute_url())


class WidgetReviewSerializer(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    title = serializers.CharField()
    text = serializers.SerializerMethodField()
    author = AuthorField()
    created_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField()

    def get_text(self, review) -> str:
        return excerpt(review.body_rendered)

    def get_url(self, review) -> str:
        return absolute(self.context, review.get_absolute_url())


class WidgetSerializer(serializers.Serializer):
    """Everything the widget shows, in one answer, with its words in the page's language."""

    language = serializers.CharField()
    product = serializers.DictField(child=serializers.CharField())
    rating = RatingSummarySerializer()
    questions = WidgetQuestionSerializer(many=True)
    reviews = WidgetReviewSerializer(many=True)
    links = serializers.DictField(child=serializers.CharField())
    labels = serializers.DictField(child=serializers.CharField())


class ErrorSerializer(serializers.Serializer):
    """The one error shape of /api/v1/."""

    error = serializers.CharField(
        help_text="a stable code: "
        + ", ".join(["invalid_parameter", "not_found", "method_not_allowed", "rate_limited"])
    )
    message = serializers.CharField(help_text="for people, in the request's language")
    fields = serializers.DictField(
        required=False, help_text="invalid_parameter: the messages per parameter"
    )
