"""Implementations of the ports of `postale` (databases, files, external services)."""
