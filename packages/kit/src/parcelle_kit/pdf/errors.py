"""Errors the PDF render pool raises to its callers.

Every error is raised either in the caller's process or in a worker process and sent back
through ``concurrent.futures``, which pickles it: each class therefore takes exactly one
message argument, so that unpickling in the parent can never fail (a result that cannot be
unpickled would break the whole pool).
"""


class PdfError(Exception):
    """Base of every error of the PDF render pool."""


class RendererStateError(PdfError):
    """The renderer was used before ``start()`` or after ``close()``."""


class RendererStartError(PdfError):
    """A worker could not warm up (missing font, unknown package); the message says why."""


class TemplateNotFoundError(PdfError):
    """The template does not exist in the package (nor among the kit's shared templates)."""


class TemplateRenderError(PdfError):
    """The template could not be turned into HTML: syntax error, undefined variable, bad value."""


class AssetRefusedError(PdfError):
    """The document referred to a URL outside the packaged assets (network, file, data)."""


class PdfLayoutError(PdfError):
    """WeasyPrint failed to lay out or write the document."""


class WorkerCrashedError(PdfError):
    """The worker process died while rendering (killed, out of memory, crashed).

    The pool has been recreated by the time the caller sees this error, so trying again is
    safe; a document that crashes a worker every time ends in the dead-letter queue through
    the bus's delivery limit, not in an endless loop here.
    """
