"""Domain rules and state of `notifiche`: pure Python, no I/O, no framework imports."""
