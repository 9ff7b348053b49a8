"""The First Point of Contact staff console: sign-in, the queue, live conversations."""
