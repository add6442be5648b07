from django.urls import path

from . import api
from .enums import FeedSubject

app_name = "shop-api"

urlpatterns = [
    path("products/", api.ShopFeedView.as_view(subject=FeedSubject.PRODUCTS), name="products"),
    path("orders/", api.ShopFeedView.as_view(subject=FeedSubject.ORDERS), name="orders"),
]
