"""fsa-desk: offline-first case documentation for migration social work."""

__version__ = "0.1.0"
