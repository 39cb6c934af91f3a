"""The first run: the welcome in an empty chat and the short tour of the window."""
