"""Fixtures of `notifiche`'s integration tests: a real IMAP server (dovecot)."""

from .dovecot import dovecot

__all__ = ["dovecot"]
