"""Decisions and recorded votes live in plenary.decisions now (its
0001_decisions_and_recorded_votes): positions forgets the two models, and their tables, which
decisions keeps under the same names, stay in the database with their rows."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0012_objection_reason_limit"),
        ("decisions", "0001_decisions_and_recorded_votes"),
        ("text", "0010_adopted_by_decisions"),
        ("treaty", "0004_decisions_moved_out"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="VoteCast"),
                migrations.DeleteModel(name="Decision"),
            ],
        ),
    ]
