"""Use cases of `notifiche`: take a message and the ports, return the events to publish."""
