"""followup-journal: a plain-text journal of job interviews that tells you how to follow up."""

__version__ = "0.1.0"
