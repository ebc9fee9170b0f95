"""Decisions and recorded votes: a resolution or decision, how it was taken, each state's vote."""
