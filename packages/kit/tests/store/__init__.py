"""Tests of the document store adapters: one contract suite, plus each adapter's own tests."""
