"""State changes of the negotiating text; each checks, validates, writes and audits."""
