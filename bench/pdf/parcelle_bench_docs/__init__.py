"""Templates and assets of the PDF benchmark, packaged like a service's documents.

Not part of any service: ``bench/pdf_render.py`` puts ``bench/pdf`` on ``sys.path`` so that
the render pool's worker processes can load this package by name.
"""
