"""Interfaces (``typing.Protocol``) the handlers of `notifiche` need from the outside world."""
