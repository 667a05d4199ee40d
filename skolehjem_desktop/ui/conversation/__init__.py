"""The conversation editor: planning, preparation and record, with its agreements.

``editor`` composes the pages, loads a conversation and saves it as the teacher types
(through ``saving``); ``planning_page``, ``preparation_page`` and ``record_page`` hold the
fields, ``sections`` the text sections the last two are made of, ``agreements`` the
agreements' table model and its group box, ``fields`` what the pages share, and
``status`` how a status and a time are written.
"""
