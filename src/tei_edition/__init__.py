"""tei-edition: a static-site generator for scholarly editions encoded in TEI P5.

The pipeline, one module a stage, data flowing one way:
config -> tei (parse, validate) -> transform (TEI -> page model) -> render -> write -> checks.
"""

__version__ = "0.1.0"
