"""/dashboard/ (public figures), /staff/dashboard/ (staff) and /staff/map/ (the bridge map),
each with its JSON and CSV data endpoints."""

from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("dashboard/", views.public_dashboard, name="public"),
    path("dashboard/data/<slug:key>.json", views.public_figure_json, name="public-json"),
    path("dashboard/data/<slug:key>.csv", views.public_figure_csv, name="public-csv"),
    path("staff/dashboard/", views.staff_dashboard, name="staff"),
    path("staff/dashboard/data/<slug:key>.json", views.staff_figure_json, name="staff-json"),
    path("staff/dashboard/data/<slug:key>.csv", views.staff_figure_csv, name="staff-csv"),
    path("staff/map/", views.bridge_map, name="map"),
    path("staff/map/data.json", views.map_json, name="map-json"),
    path("staff/map/data.csv", views.map_csv, name="map-csv"),
]
