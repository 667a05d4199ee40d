"""The conversation editor: planning, preparation and record, with its agreements."""
