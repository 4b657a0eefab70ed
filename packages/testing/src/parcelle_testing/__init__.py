"""Test support shared by every package's tests: stand-ins for infrastructure, fixtures, probes,
the lawyer's REST flow.

A development-only workspace package: the services' tests, the benchmarks and the browser
tests depend on it; no runtime image contains it (it is in the workspace's ``dev`` group only).
"""
