"""Quotes keep the kind of attribution they are (speech, written, according, belief, stance or report) and the
source's whole noun phrase.

PARC-style attribution covers stances ("X believes that …") and findings ("a new poll shows …") as well as
sayings; the extractor records which kind each row is (``extract/quote_kinds.py``) so exports and the dossier
can tell a statement from a reported belief. Rows stored before this revision were extracted as sayings and
read as ``speech`` (the server default). Beside the source as the product names it (the phrase up to its head,
"Ada Roe"), a row keeps the source's whole noun phrase as PARC-style gold writes it ("Ada Roe, a spokeswoman for
the ministry,"), so exports can be scored under either convention; older rows have none.

Revision ID: 0007_quote_kind
Revises: 0006_store_version
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_quote_kind"
down_revision = "0006_store_version"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=16), nullable=False, server_default="speech"))
        batch_op.add_column(sa.Column("source_phrase_text", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("source_phrase_start", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("source_phrase_end", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        for column in ("source_phrase_end", "source_phrase_start", "source_phrase_text", "kind"):
            batch_op.drop_column(column)
