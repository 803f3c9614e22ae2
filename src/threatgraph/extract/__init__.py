"""extract stage: articles in, mentions, events, quotes and dates out.

Entry points: :func:`threatgraph.extract.pipeline.get_extractor` /
:class:`threatgraph.extract.pipeline.Extractor` (batched ``analyse``), :func:`threatgraph.extract.nlp.load_nlp`
(the shared spaCy pipeline with the gazetteer), :func:`threatgraph.names.surface.normalise_surface`.
Human date labels ("Mar 2021", "late Jul 2022") are presentation: :mod:`threatgraph.web.datelabel`.
Names written in another script inside English text are paired with their Latin spelling by
:mod:`threatgraph.extract.scripts`.
Nothing is imported here so that light modules (dates, mentions helpers) do not pull in spaCy.
"""
