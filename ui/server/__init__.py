"""The API server in the window: its service (start, stop, key, log, all off the GUI
thread), its Preferences page, its status-bar indicator and its log dialog."""
