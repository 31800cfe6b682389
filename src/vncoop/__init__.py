"""vncoop: query a source-verified corpus of Vietnam's international cooperation in AI and semiconductors."""

__version__ = "0.1.0"
