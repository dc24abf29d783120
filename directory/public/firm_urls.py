from django.urls import path

from .views import firms as views

app_name = "firms"

urlpatterns = [
    path("", views.home, name="home"),
    path("firms/", views.FirmListView.as_view(), name="list"),
    path("firms/export.csv", views.FirmExportView.as_view(fmt="csv"), name="export-csv"),
    path("firms/export.xlsx", views.FirmExportView.as_view(fmt="xlsx"), name="export-xlsx"),
    path("firms/<slug:slug>/", views.FirmDetailView.as_view(), name="detail"),
]
