"""Public directory pages (foundation stubs; the directory issue completes them)."""

from django.conf import settings
from django.shortcuts import render
from django.views.generic import DetailView, ListView

from directory.search.services import search_firms
from directory.search.text import clean_query

from .models import Firm


def home(request):
    return render(request, "firms/home.html", {})


class FirmListView(ListView):
    template_name = "firms/firm_list.html"
    context_object_name = "firms"
    paginate_by = settings.FIRMS_PER_PAGE

    def get_queryset(self):
        q, _truncated = clean_query(self.request.GET.get("q"))
        return search_firms(Firm.objects.published().for_cards(), q)


class FirmDetailView(DetailView):
    template_name = "firms/firm_detail.html"
    context_object_name = "firm"

    def get_queryset(self):
        return Firm.objects.published().for_cards()
