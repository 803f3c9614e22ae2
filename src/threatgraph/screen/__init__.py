"""screen stage: sanctions lists in, ranked and explained candidates out — independent of the NLP pipeline.

Modules, in the order data flows:

- ``formats``: sniff a file's format from its content and dispatch to a loader — ``ofac_csv`` (sdn.csv with
  optional alt.csv/add.csv; Remarks parsed by the rules in ``remarks.yaml``), ``ofac_xml`` (sdn.xml),
  ``ofac_advanced`` (SDN_ADVANCED.XML), ``un_xml`` (UN consolidated list), ``eu_xml`` (EU FSF), ``uk_xml`` (UK
  Sanctions List and OFSI consolidated list), ``ftm_json``
  (FollowTheMoney JSON lines, e.g. OpenSanctions). ``entries`` holds the one entry shape they all produce.
- ``lists``: :func:`lists.load_files` stores a parsed list as a new version of its dataset with the entries
  added, removed and changed; a bad file stores nothing.
- ``compare`` (tokens from :mod:`threatgraph.names.tokens`): how names become tokens and how two names, and the facts
  around them, are scored.
- ``index``: :func:`index.get_index` — the persisted, cached screening index; ``ScreenIndex.match(Query)``
  returns :class:`query.Candidate` lists. :func:`index.all_names` feeds the extraction gazetteer.
- ``datasets`` (+ ``datasets.yaml``): which dataset a file is (``us_ofac_sdn``, ``un_sc_sanctions``…) and what a
  client's dataset or collection name stands for.
- ``yente``, ``algorithms``, ``reconcile``: yente's ``/match`` and ``/search`` semantics, the scoring algorithms
  by name, and the reconciliation service (OpenRefine).
"""
