"""threatgraph: news reporting on armed groups into an evidence-backed graph, screened against sanctions lists.

How the package is layered (lowest first). A module imports modules of its own package and of lower layers
only; ``tests/test_architecture.py`` holds this order as data and fails on any import against it, on any
import circle, and on any module imported by name or behind an ``ImportError`` guard.

1. ``model``, ``config``, ``datafiles``, ``tablecache`` - the library-free data model, the settings, the data-file
   loader and the built tables kept on disk;
2. ``names`` - the one name stack (what a name is made of, how two names align), below every stage;
3. ``store`` - persistence of the model: schema, migrations, writers and plain reads, no stage logic;
4. ``ingest`` - readers: files and feeds to ``Article``;
5. ``collect`` - live collection: fetches politely, hands bytes to the ingest readers, keeps its state in the store;
6. ``extract`` - spaCy: articles to mentions, events, quotes and dates;
7. ``screen`` - sanctions lists to a persisted index to ranked, explained candidates;
8. ``resolve`` - mentions to entities across articles, entities to sanctions links (through ``screen``);
9. ``watch`` - watches and alerts on newly stored articles;
10. ``export`` - FtM, STIX 2.1, GraphML, CSV;
11. ``pipeline`` then ``bulk`` - the ingest run (extractor and post-ingest hooks are given to it), and the same
    run in bulk on Spark;
12. ``app`` - the composition root :class:`threatgraph.app.Threatgraph`: owns the engine, the extractor and the
    index, and wires what follows an ingest batch or a new list;
13. ``web``, then ``api``, then ``commands`` and ``cli`` - the shells.

Where to change what: a new list format is a parser module in ``screen/`` that ``screen/formats.py`` sniffs and
dispatches to; a new event pattern is data in ``extract/plover.yaml``; a new page is a route in ``api/`` with its
template in ``web/templates/``; a new export format is a module in ``export/`` listed in ``export.FORMATS``.
"""
