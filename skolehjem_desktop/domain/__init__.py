"""The vocabulary of the program: enums, field limits, and the one set of rules for input.

Everything above uses these words: the store maps them to columns and CHECK constraints,
the services and the class-list import check typed input with :mod:`.rules`, the dialogs
check as the teacher types, the PDFs and the window label them (``i18n.labels``). This
package imports nothing of ours, so any layer may use it.
"""
