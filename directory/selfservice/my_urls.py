"""The member workspace under /my/."""

from django.urls import path

from . import views

app_name = "my"

urlpatterns = [
    path("", views.my_home, name="home"),
    path("firms/<slug:slug>/", views.my_firm, name="firm"),
    path("firms/<slug:slug>/edit/", views.edit_firm, name="edit"),
    path("firms/<slug:slug>/confirm/", views.confirm_firm, name="confirm"),
    path("firms/<slug:slug>/history/", views.firm_history, name="history"),
    path("firms/<slug:slug>/history/restore/", views.restore_field, name="restore"),
    path(
        "firms/<slug:slug>/changes/<int:pk>/withdraw/",
        views.withdraw_change,
        name="withdraw",
    ),
    path("changes/<int:pk>/logo/", views.change_logo, name="change-logo"),
]
