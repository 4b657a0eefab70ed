"""Interfaces (``typing.Protocol``) the handlers of `postale` need from the outside world."""
