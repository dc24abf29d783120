"""A checkbox tree with a filter box: the brief's specialty and country pickers.

Its templates live in this app (directory/matching/templates/) because form widgets render
with the form renderer, which looks in app folders, not in the project templates/ folder.

Plain checkboxes (nested under their parent specialty) work without JavaScript; the ticked ones
are listed above the tree so they never scroll out of sight. static/js/checkbox-tree.js adds the
filter box and keeps that list current.
"""

from __future__ import annotations

from django import forms


class CheckboxTree(forms.CheckboxSelectMultiple):
    template_name = "matching/widgets/checkbox_tree.html"
    # Not "checkbox": templates treat that as a single tick box wrapped in its label.
    input_type = "checkbox-tree"

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        option["parent_id"] = getattr(instance, "parent_id", None)
        option["pk"] = getattr(instance, "pk", None)
        return option

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        options = [
            option
            for _group, group_options, _i in context["widget"]["optgroups"]
            for option in group_options
        ]
        roots, by_pk = [], {}
        for option in options:
            node = {"option": option, "children": []}
            parent = by_pk.get(option["parent_id"]) if option["parent_id"] else None
            if parent is not None:
                parent["children"].append(node)
            else:
                roots.append(node)
            if option["pk"] is not None:
                by_pk[option["pk"]] = node
        context["widget"]["tree"] = roots
        context["widget"]["selected_options"] = [o for o in options if o["selected"]]
        return context
