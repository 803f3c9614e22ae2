"""CLI commands: watch (filled in by the watch stage)."""
