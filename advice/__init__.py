"""What the assistant knows and how it says it: content, places, safety. No channel code."""
