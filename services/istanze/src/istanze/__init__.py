"""Parcelle service `istanze` (intake): drafts, attachments, the application PDF, deposit,
signature check and the receipt; it owns the case (pratica) record and its status.
"""
