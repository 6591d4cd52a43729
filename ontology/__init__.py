"""The data of kg: ontology, aliases, name words, relation patterns and boilerplate phrases.

This folder is installed as the package `kg.data` so that kg finds it wherever it is installed.
"""
