"""State changes of the negotiating process; each checks, validates, writes and audits."""
