"""A package with a template that does not compile: a pool serving it must refuse to start."""
