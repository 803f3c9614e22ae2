"""CLI commands: ingest (filled in by the ingest stage)."""
