"""Use cases of `revisione`: take a message and the ports, return the events to publish."""
