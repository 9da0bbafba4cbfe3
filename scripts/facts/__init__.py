"""Turning the shared fact base into data/ (reading, curating, building, writing); scripts/import_facts.py is the
command."""
