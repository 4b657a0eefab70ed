"""Contracts <-> domain mapping of `notifiche`: pydantic or the kit codec, not field-by-field
copies."""
