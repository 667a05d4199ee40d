"""What every screen shares: the context it is given (services and dialogs), the message-box
service, work off the GUI thread, autosave, the table model over service rows, formatting.
"""
