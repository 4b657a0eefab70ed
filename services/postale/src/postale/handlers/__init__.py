"""Use cases of `postale`: take a message and the ports, return the events to publish."""
