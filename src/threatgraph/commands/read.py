"""CLI commands: read (filled in by the read stage)."""
