"""One exception hierarchy: the library raises these, only the CLI turns them into messages."""


class KGError(Exception):
    """Base class of every error kg raises on purpose."""


class InputError(KGError):
    """An input file or stream cannot be read as an article: names the file and the reason."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple:
        # an error found in a worker process travels back to the build pickled: rebuild it from
        # its own arguments, not from the message Exception would pass
        return type(self), (self.source, self.reason)


class OntologyError(KGError):
    """A data file in ontology/ is missing or malformed."""


class ModelError(KGError):
    """The spaCy pipeline asked for is not installed or lacks a component kg needs."""


class FormatError(KGError):
    """An unknown output format was asked for."""
