"""/staff/api-tokens/ (language-prefixed like the other staff pages)."""

from django.urls import path

from .views import tokens

app_name = "api-tokens"

urlpatterns = [
    path("", tokens.token_list, name="list"),
    path("<int:pk>/revoke/", tokens.token_revoke, name="revoke"),
]
