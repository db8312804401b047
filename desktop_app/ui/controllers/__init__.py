"""Controllers: the workspace (undo stack, change signals), the background executor and the edits
that call the core. No widgets are laid out here; views ask these to change things.
"""
