from django.urls import path

from .views import search as views

app_name = "search"

urlpatterns = [
    path("", views.search_view, name="search"),
    path("suggest/", views.suggest_view, name="suggest"),
]
