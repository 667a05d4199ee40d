"""The PDF documents: ReportLab stories built from plain data the services hand over.

Nothing here opens a database session or touches Qt: each document module takes a
frozen dataclass from :mod:`skolehjem_desktop.reports.data` (filled by
``services/report_data.py``) and returns the PDF's bytes. Every word on the page is
translated with the *document's* translator (``_ = tr.gettext`` at the top of each
builder, so Babel's extraction still finds the messages), never the UI's language.

- :mod:`.summary`: the conversation summary (referat) for the parents; shared sections only.
- :mod:`.invitation`: the invitation and preparation sheet before a conversation.
- :mod:`.message_book`: the message book (meddelelsesbog): focus points and presentations.
- :mod:`.class_overview`: what is still owed per pupil of a class, for the teacher.

ReportLab is imported only when a document is built; importing this package is cheap.
"""
