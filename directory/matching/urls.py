"""Staff matching pages under /staff/match/."""

from django.urls import path

from . import views

app_name = "matching"

urlpatterns = [
    path("", views.match, name="match"),
    path("firm/<slug:slug>/", views.firm_partners, name="firm"),
    path("shortlists/", views.shortlist_list, name="shortlist-list"),
    path("shortlists/new/", views.shortlist_create, name="shortlist-create"),
    path("shortlists/add-firms/", views.shortlist_add_firms, name="shortlist-add-firms"),
    path("shortlists/<int:pk>/", views.shortlist_detail, name="shortlist-detail"),
    path("shortlists/<int:pk>/introduce/", views.shortlist_introduce, name="shortlist-introduce"),
    path("shortlists/<int:pk>/briefing/", views.briefing_page, name="briefing"),
    path("shortlists/<int:pk>/briefing.csv", views.briefing_csv, name="briefing-csv"),
    path("shortlists/<int:pk>/briefing.xlsx", views.briefing_xlsx, name="briefing-xlsx"),
]
