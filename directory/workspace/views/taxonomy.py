"""Specialties (two levels), clusters and countries, managed by staff."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from directory.accounts.permissions import staff_required
from directory.firms.models import Cluster, Country, Specialty
from directory.firms.taxonomy import merge_specialties
from directory.search.index import reindex_specialty
from directory.workspace.firm_forms import (
    ClusterForm,
    CountryForm,
    SpecialtyForm,
    SpecialtyMergeForm,
)


@staff_required
def taxonomy(request):
    specialties = (
        Specialty.objects.select_related("parent")
        .annotate(firm_count=Count("firms", distinct=True))
        .order_by("position", "name_ko")
    )
    top = [s for s in specialties if s.parent_id is None]
    children: dict[int, list[Specialty]] = {}
    for s in specialties:
        if s.parent_id:
            children.setdefault(s.parent_id, []).append(s)
    ctx = {
        "tree": [(s, children.get(s.pk, [])) for s in top],
        "specialty_form": SpecialtyForm(initial={"parent": request.GET.get("parent")}),
        "merge_form": SpecialtyMergeForm(),
        "clusters": Cluster.objects.annotate(firm_count=Count("firms")),
        "cluster_form": ClusterForm(),
        "countries": Country.objects.all(),
        "country_form": CountryForm(),
    }
    return render(request, "staff/firms/taxonomy.html", ctx)


def _edit(request, form_class, instance, title):
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST":
        if form.is_valid():
            obj = form.save()
            if isinstance(obj, Specialty) and instance is not None:
                reindex_specialty(obj)  # names of specialties are searched
            messages.success(request, _("The changes were saved."))
            return redirect("staff:taxonomy")
        messages.error(request, _("Please correct the errors below; nothing was saved yet."))
    return render(
        request,
        "staff/firms/taxonomy_form.html",
        {"form": form, "title": title, "instance": instance},
    )


@staff_required
def specialty_add(request):
    return _edit(request, SpecialtyForm, None, _("Add a specialty"))


@staff_required
def specialty_edit(request, slug):
    return _edit(request, SpecialtyForm, get_object_or_404(Specialty, slug=slug), _("Specialty"))


@staff_required
def specialty_merge(request):
    form = SpecialtyMergeForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            source, target = form.cleaned_data["source"], form.cleaned_data["target"]
            name = source.name_ko
            merge_specialties(source, target)
            reindex_specialty(target)
            messages.success(
                request,
                _("%(source)s was merged into %(target)s; every link was kept.")
                % {"source": name, "target": target.name_ko},
            )
            return redirect("staff:taxonomy")
        messages.error(request, _("Please correct the errors below; nothing was saved yet."))
    return render(
        request,
        "staff/firms/taxonomy_form.html",
        {"form": form, "title": _("Merge two specialties"), "instance": None},
    )


@staff_required
def cluster_add(request):
    return _edit(request, ClusterForm, None, _("Add a cluster"))


@staff_required
def cluster_edit(request, slug):
    return _edit(request, ClusterForm, get_object_or_404(Cluster, slug=slug), _("Cluster"))


@staff_required
def country_add(request):
    return _edit(request, CountryForm, None, _("Add a country"))


@staff_required
def country_edit(request, code):
    return _edit(request, CountryForm, get_object_or_404(Country, code=code), _("Country"))
