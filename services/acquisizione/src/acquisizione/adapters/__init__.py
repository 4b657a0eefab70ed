"""Implementations of the ports of `acquisizione` (databases, files, external services)."""
