"""The window's side of remote engines: the Remote servers page of Preferences and its
server editor, the listing of servers' models off the GUI thread, and how a remote
model is named in menus.  The rules (addresses, keys, references, the engine) live in
``core.remote``; the window's wiring is ``ui.window_remote``."""
