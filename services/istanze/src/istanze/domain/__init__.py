"""Domain rules and state of `istanze`: pure Python, no I/O, no framework imports."""
