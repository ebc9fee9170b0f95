"""The public portal: where each negotiation stands and what comes next, on the home page and
each negotiation's page. It reads every part of the record, so it sits above the apps."""
