"""Skolehjem: school-home cooperation for Danish contact teachers."""

__version__ = "0.1.0"
APP_NAME = "Skolehjem"
