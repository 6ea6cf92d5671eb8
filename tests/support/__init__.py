"""Helpers shared by the tests (imported as `support`: tests/ is on sys.path, as for conftest.py)."""
