from django.urls import path

from .views import firms as views

app_name = "firms"

urlpatterns = [
    path("", views.home, name="home"),
    path("firms/", views.FirmListView.as_view(), name="list"),
    path("firms/<slug:slug>/", views.FirmDetailView.as_view(), name="detail"),
]
