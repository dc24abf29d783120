from django.urls import path

from .views import engagements as views

app_name = "engagements"

urlpatterns = [
    path("", views.EngagementListView.as_view(), name="list"),
]
