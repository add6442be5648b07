from django.urls import path

from . import views

# The read endpoints the OpenAPI document describes. A SKU may hold "/", so the longer
# paths come before the product's own.
read_patterns = [
    path(
        "products/<path:sku>/questions/",
        views.ProductQuestionsView.as_view(),
        name="product-questions",
    ),
    path(
        "products/<path:sku>/reviews/", views.ProductReviewsView.as_view(), name="product-reviews"
    ),
    path("products/<path:sku>/widget/", views.WidgetView.as_view(), name="product-widget"),
    path("products/<path:sku>/", views.ProductView.as_view(), name="product"),
    path("articles/", views.ArticlesView.as_view(), name="articles"),
    path("search/", views.SearchView.as_view(), name="search"),
]
