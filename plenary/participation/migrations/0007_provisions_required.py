"""Agenda items and interventions point at provisions only; the paragraph under discussion is a
provision."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("participation", "0006_provisions_from_eids")]

    operations = [
        migrations.RemoveField(model_name="agendaitem", name="eids"),
        migrations.RemoveField(model_name="intervention", name="eids"),
        migrations.RemoveField(model_name="agendaitem", name="under_discussion"),
        migrations.RenameField(
            model_name="agendaitem",
            old_name="under_discussion_provision",
            new_name="under_discussion",
        ),
    ]
