"""One pupil's page and its tabs: guardians, conversations, the message book, the contact log,
and the pupil dialogs.
"""
