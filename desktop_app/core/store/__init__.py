"""The SQLite file: opening it safely, migrations and backups, typed access, the UID token.

May import core.model only; everything that reads or writes the database goes through here.
"""
