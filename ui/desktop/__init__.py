"""Prosa on the desktop: menus, shortcuts, preferences, notifications, one instance."""
