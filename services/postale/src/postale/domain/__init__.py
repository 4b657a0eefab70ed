"""Domain rules and state of `postale`: pure Python, no I/O, no framework imports."""
