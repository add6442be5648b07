from django.urls import path

from . import views

app_name = "shop"

urlpatterns = [
    path("purchases/", views.PurchaseListView.as_view(), name="purchase-list"),
]
