"""Agenda items, the paragraph under discussion and interventions move from eIds to provisions
(plenary/text/migrating.py says how an eId is read; "preamble" named its paragraphs)."""

from django.db import migrations

from plenary.text.migrating import EidReader


def forwards(apps, schema_editor):
    Negotiation = apps.get_model("process", "Negotiation")
    AgendaItem = apps.get_model("participation", "AgendaItem")
    Intervention = apps.get_model("participation", "Intervention")
    for negotiation in Negotiation.objects.all():
        reader = EidReader(apps, negotiation.pk)
        for item in AgendaItem.objects.filter(session__negotiation=negotiation):
            item.provisions.set([p for eid in item.eids for p in reader.parts(eid)])
            if item.under_discussion:
                item.under_discussion_provision_id = reader.provision(
                    item.under_discussion, item.opened_at
                )[0]
                item.save(update_fields=["under_discussion_provision"])
        for intervention in Intervention.objects.filter(
            agenda_item__session__negotiation=negotiation
        ):
            intervention.provisions.set(
                [
                    p
                    for eid in intervention.eids
                    for p in reader.parts(eid, intervention.published_at)
                ]
            )


class Migration(migrations.Migration):
    dependencies = [("participation", "0005_provisions"), ("text", "0009_provisions_required")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
