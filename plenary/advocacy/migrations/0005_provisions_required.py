"""Statements and red lines point at provisions only."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("advocacy", "0004_provisions_from_eids"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="redline",
            name="eids",
        ),
        migrations.RemoveField(
            model_name="statement",
            name="eids",
        ),
    ]
