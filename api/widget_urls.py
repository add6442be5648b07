from django.urls import path

from . import widget

app_name = "widget"

urlpatterns = [
    path("community.js", widget.widget_script, name="script"),
    path("product/<path:sku>/", widget.widget_frame, name="frame"),
]
