"""The window: PySide6 widgets, dialogs and item models. Talks to services only."""
