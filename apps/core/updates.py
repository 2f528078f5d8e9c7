"""``updated_at``: when a row last changed in a way another system must see (issue 17: the API's
``updated_since`` for incremental sync).

Django leaves ``auto_now`` fields out of ``save(update_fields=[...])``, so a status change saved
that way would keep its old time and a partner's next sync would miss it. ``TracksUpdates`` adds
the column to every such save. Writes that bypass ``save()`` (``QuerySet.update()``,
``bulk_update()``) set ``updated_at`` themselves; a change to a row shown nested in another
(an organization's grades and credit listings, a contract's targets and payments) calls
``touch()`` on the outer row.
"""

from django.utils import timezone


class TracksUpdates:
    """Mixin for a model with ``updated_at = DateTimeField(auto_now=True)``."""

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields:
            kwargs["update_fields"] = {*update_fields, "updated_at"}
        super().save(*args, **kwargs)


def touch(queryset) -> int:
    """Mark the rows of ``queryset`` as changed now (one UPDATE, no signals)."""
    return queryset.update(updated_at=timezone.now())


def touch_parent_on_save(child_model, parent_field: str):
    """Every save of a ``child_model`` row marks its ``parent_field`` row as changed: the API shows
    the children nested in the parent, so a partner syncing the parents must see the change."""
    from django.db.models.signals import post_save

    parent_model = child_model._meta.get_field(parent_field).related_model

    def receiver(sender, instance, raw=False, **kwargs):
        if not raw:  # fixtures load rows as they were
            touch(parent_model.objects.filter(pk=getattr(instance, f"{parent_field}_id")))

    post_save.connect(receiver, sender=child_model, weak=False,
                      dispatch_uid=f"touch_{child_model._meta.label_lower}_{parent_field}")
