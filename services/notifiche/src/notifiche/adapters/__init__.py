"""Implementations of the ports of `notifiche` (databases, files, external services)."""
