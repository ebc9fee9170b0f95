"""Agenda items and interventions get references to provisions."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0004_one_pending_entry_per_speaker"),
        ("text", "0009_provisions_required"),
    ]

    operations = [
        migrations.AddField(
            model_name="agendaitem",
            name="provisions",
            field=models.ManyToManyField(
                blank=True,
                related_name="agenda_items",
                to="text.provision",
                verbose_name="parts of the text",
            ),
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="under_discussion_provision",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="text.provision",
                verbose_name="paragraph under discussion",
            ),
        ),
        migrations.AddField(
            model_name="intervention",
            name="provisions",
            field=models.ManyToManyField(
                blank=True,
                related_name="interventions",
                to="text.provision",
                verbose_name="parts of the text addressed",
            ),
        ),
    ]
