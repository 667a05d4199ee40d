"""The pupil page's message book tab: the tab (``tab``), the item models it shows
(``model``), the focus point editor beside the tree (``editor``), the presentations to
the parents (``presentations``) and the dialogs that add a focus point and record a
presentation (``focus_dialog``, ``presentation_dialog``).
"""
