"""Every state change of participation: permission check, validation, one transaction, audit."""
