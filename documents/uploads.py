"""The size limit, held while an upload is read: a file past SMW_DOCUMENT_MAX_MB is not written
to a temporary file to the end and only then refused; the rest of it is read and dropped.

Installed first in FILE_UPLOAD_HANDLERS (settings), for every upload: the only files SMW takes
are documents on a case. The page that took the upload finds the names of the fields whose file
was dropped in `request.uploads_too_large` and says so on the form (documents.views).
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class SizeLimitUploadHandler(FileUploadHandler):
    def __init__(self, request=None):
        super().__init__(request)
        self.limit = settings.SMW_DOCUMENT_MAX_MB * 1024 * 1024

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.limit:
            if self.request is not None:
                dropped = getattr(self.request, "uploads_too_large", set())
                dropped.add(self.field_name)
                self.request.uploads_too_large = dropped
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handlers keep the file
