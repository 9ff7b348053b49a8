"""The residents' web chat: the page, its widget loader and its WebSocket."""
