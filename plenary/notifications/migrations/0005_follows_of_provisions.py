"""Follows of paragraphs, articles and chapters, and their notifications, move from eIds to
provisions (plenary/text/migrating.py says how an eId is read)."""

from django.db import migrations

from plenary.text.migrating import EidReader

TEXT_KINDS = ("paragraph", "article", "chapter")


def forwards(apps, schema_editor):
    Negotiation = apps.get_model("process", "Negotiation")
    Follow = apps.get_model("notifications", "Follow")
    Notification = apps.get_model("notifications", "Notification")
    for negotiation in Negotiation.objects.all():
        reader = EidReader(apps, negotiation.pk)
        kept = set()
        for followed in Follow.objects.filter(
            negotiation=negotiation, kind__in=TEXT_KINDS
        ).order_by("created_at", "id"):
            provision, _version = reader.provision(followed.key, followed.created_at)
            if (followed.user_id, followed.kind, provision) in kept:
                # Two eIds a person followed are one provision: they follow it once.
                followed.delete()
                continue
            kept.add((followed.user_id, followed.kind, provision))
            followed.provision_id, followed.key = provision, str(provision)
            followed.save(update_fields=["provision", "key"])
        for notification in Notification.objects.filter(
            negotiation=negotiation, kind__in=TEXT_KINDS
        ).exclude(key=""):
            provision, _version = reader.provision(notification.key, notification.created_at)
            notification.key = str(provision)
            notification.save(update_fields=["key"])


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0004_follow_provisions"),
        ("text", "0009_provisions_required"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
