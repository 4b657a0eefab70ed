"""Parcelle service `postale` (registered mail): raccomandata A/R through a print-center provider,
with tracking.
"""
