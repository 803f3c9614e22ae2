"""CLI commands: export (filled in by the export stage)."""
