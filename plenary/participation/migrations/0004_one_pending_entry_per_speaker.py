from django.db import migrations, models

PENDING = ["waiting", "speaking"]


class Migration(migrations.Migration):
    dependencies = [("participation", "0003_agenda_item_floor")]

    operations = [
        # A group of states could be inscribed once per item, ever; now once at a time.
        migrations.RemoveConstraint(model_name="speakerentry", name="one_entry_per_bloc_and_item"),
        migrations.AddConstraint(
            model_name="speakerentry",
            constraint=models.UniqueConstraint(
                condition=models.Q(("on_behalf_of__isnull", False), ("status__in", PENDING)),
                fields=("agenda_item", "on_behalf_of"),
                name="one_pending_entry_per_bloc_and_item",
            ),
        ),
        migrations.AddConstraint(
            model_name="speakerentry",
            constraint=models.UniqueConstraint(
                condition=models.Q(
                    ("delegation__isnull", False),
                    ("on_behalf_of__isnull", True),
                    ("status__in", PENDING),
                ),
                fields=("agenda_item", "delegation"),
                name="one_pending_entry_per_delegation_and_item",
            ),
        ),
        migrations.AddConstraint(
            model_name="speakerentry",
            constraint=models.UniqueConstraint(
                condition=models.Q(("organization__isnull", False), ("status__in", PENDING)),
                fields=("agenda_item", "organization"),
                name="one_pending_entry_per_organization_and_item",
            ),
        ),
    ]
