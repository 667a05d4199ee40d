"""What the teacher sees of a class: the class list and its dialogs, the overview of what is
owed, the class records (parent meetings, council) and the evening planner.
"""
