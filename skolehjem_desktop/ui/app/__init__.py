"""The main window and what hangs on it: menus and shortcuts (actions), printing, one window
per data folder, Qt's own language.
"""
