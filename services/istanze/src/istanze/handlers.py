"""Use cases of `istanze`: take a message and the ports, return the events to publish."""
