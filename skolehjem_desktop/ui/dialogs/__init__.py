"""The program's own dialogs: the first-start welcome, the import wizard, settings, about,
backups, protection and privacy.
"""
