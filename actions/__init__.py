"""Rasa custom actions. The gateway serves them in-process on its action endpoint."""
