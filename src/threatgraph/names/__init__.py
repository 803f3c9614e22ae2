"""The one name stack: how threatgraph reads a name, wherever a name is compared.

Extraction, resolution, screening and watches all ask this package what a name is made of (its parts, generic
words, honorifics, acronyms and script) and how two names align, so that the same pair of names is never judged
one way in the resolver and another way in screening.
"""
