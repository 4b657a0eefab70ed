"""Implementations of the ports of `revisione` (databases, files, external services)."""
