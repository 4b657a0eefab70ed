"""Tests of the documents of `istanze`: the application PDF and the deposit receipt."""
