"""Advocacy services: coalitions, statements and sign-on, red lines."""
