"""Domain rules and state of `revisione`: pure Python, no I/O, no framework imports."""
