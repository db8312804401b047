"""The dialogs: import, auto-schedule and its preview, move, print, publish, record and request editors."""
