"""Use cases of `firma`: take a message and the ports, return the events to publish."""
