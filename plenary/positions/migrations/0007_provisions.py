"""Stances, objections and issues get references to provisions, packages and proposals."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0006_objection_illustrative"),
        ("text", "0009_provisions_required"),
    ]

    operations = [
        migrations.AddField(
            model_name="issue",
            name="provisions",
            field=models.ManyToManyField(
                blank=True,
                related_name="issues",
                to="text.provision",
                verbose_name="paragraphs concerned",
            ),
        ),
        migrations.AddField(
            model_name="objection",
            name="made_on",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="text.version",
            ),
        ),
        migrations.AddField(
            model_name="objection",
            name="package",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="objections",
                to="text.package",
            ),
        ),
        migrations.AddField(
            model_name="objection",
            name="provision",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="objections",
                to="text.provision",
            ),
        ),
        migrations.AddField(
            model_name="stance",
            name="made_on",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="text.version",
            ),
        ),
        migrations.AddField(
            model_name="stance",
            name="package",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="stances",
                to="text.package",
            ),
        ),
        migrations.AddField(
            model_name="stance",
            name="proposal",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="stances",
                to="text.proposal",
            ),
        ),
        migrations.AddField(
            model_name="stance",
            name="provision",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="stances",
                to="text.provision",
            ),
        ),
    ]
