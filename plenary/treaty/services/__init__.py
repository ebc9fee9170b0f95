"""State changes of the treaty after adoption; each checks, validates, writes and audits."""
