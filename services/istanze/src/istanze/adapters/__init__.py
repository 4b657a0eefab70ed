"""Implementations of the ports of `istanze` (databases, files, external services)."""
