"""Tests of the domain of `istanze`: pure rules, no I/O."""
