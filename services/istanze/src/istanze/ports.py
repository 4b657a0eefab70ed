"""Interfaces (``typing.Protocol``) the handlers of `istanze` need from the outside world."""
