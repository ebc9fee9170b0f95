from django.db import migrations, models

import plenary.process.models.people


class Migration(migrations.Migration):
    dependencies = [
        ("process", "0004_negotiation_parent_protocols"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(default=plenary.process.models.people.token_expiry),
        ),
    ]
