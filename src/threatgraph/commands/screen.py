"""CLI commands: screen (filled in by the screen stage)."""
