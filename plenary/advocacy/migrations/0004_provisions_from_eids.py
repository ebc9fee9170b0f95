"""Statements, red lines and their flags move from eIds to provisions (plenary/text/migrating.py
says how an eId is read)."""

from django.db import migrations

from plenary.text.migrating import EidReader


def forwards(apps, schema_editor):
    Negotiation = apps.get_model("process", "Negotiation")
    Statement = apps.get_model("advocacy", "Statement")
    RedLine = apps.get_model("advocacy", "RedLine")
    Reassessment = apps.get_model("advocacy", "Reassessment")
    for negotiation in Negotiation.objects.all():
        reader = EidReader(apps, negotiation.pk)
        for statement in Statement.objects.filter(coalition__negotiation=negotiation):
            statement.provisions.set(
                [reader.provision(eid, statement.created_at)[0] for eid in statement.eids]
            )
        for red_line in RedLine.objects.filter(coalition__negotiation=negotiation):
            red_line.provisions.set(
                [reader.provision(eid, red_line.created_at)[0] for eid in red_line.eids]
            )
        for flag in Reassessment.objects.filter(red_line__coalition__negotiation=negotiation):
            for change in flag.changes:
                change["provision"] = reader.provision(change["eid"], flag.version.created_at)[0]
            flag.save(update_fields=["changes"])


class Migration(migrations.Migration):
    dependencies = [("advocacy", "0003_provisions"), ("text", "0009_provisions_required")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
