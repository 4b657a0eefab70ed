"""Use cases of `acquisizione`: take a message and the ports, return the events to publish."""
