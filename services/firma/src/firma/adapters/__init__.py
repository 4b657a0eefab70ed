"""Implementations of the ports of `firma` (databases, files, external services)."""
