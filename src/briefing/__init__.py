"""briefing: turn analytical findings and data into PowerPoint briefings."""

__version__ = "0.1.0"
