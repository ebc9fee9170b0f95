"""Statements and red lines get references to provisions."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("advocacy", "0002_statement_title_translations"),
        ("text", "0009_provisions_required"),
    ]

    operations = [
        migrations.AddField(
            model_name="redline",
            name="provisions",
            field=models.ManyToManyField(
                related_name="red_lines", to="text.provision", verbose_name="paragraphs"
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="provisions",
            field=models.ManyToManyField(
                blank=True,
                related_name="statements",
                to="text.provision",
                verbose_name="paragraphs addressed",
            ),
        ),
    ]
