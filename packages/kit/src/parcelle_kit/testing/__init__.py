"""Test support shared by every package's tests: stand-ins for infrastructure, fixtures, probes.

It lives in the package, not under ``tests/``, so every service's tests can import it.
"""
