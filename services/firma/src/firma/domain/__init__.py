"""Domain rules and state of `firma`: pure Python, no I/O, no framework imports."""
