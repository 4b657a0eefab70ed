"""Parcelle gateway: the web areas and the REST API."""
