"""Public partner pages (foundation stubs; the directory issue completes them)."""

from django.views.generic import DetailView, ListView

from .models import OverseasPartner


class PartnerListView(ListView):
    template_name = "partners/partner_list.html"
    context_object_name = "partners"
    paginate_by = 24

    def get_queryset(self):
        return OverseasPartner.objects.for_public_display().select_related("country")


class PartnerDetailView(DetailView):
    template_name = "partners/partner_detail.html"
    context_object_name = "partner"

    def get_queryset(self):
        return OverseasPartner.objects.for_public_display().select_related("country")
