"""Parcelle service `notifiche` (notifications): e-mail and PEC, templates, delivery receipts and
retries.
"""
