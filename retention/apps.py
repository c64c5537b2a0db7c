from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "retention"
    verbose_name = _("Retention and destruction")

    def ready(self) -> None:
        # What other apps keep of a pupil outside the rows `destroy.erase` empties: the
        # documents on its cases and the files of its dossier exports go with the dossier, and
        # the texts of its requests under the AVG (the requests stay, as proof).
        from documents.workflow import delete_pupil_documents
        from dossier.workflow import remove_files_of_pupil
        from rights.workflow import erase_pupil_rights

        from .destroy import after_destroy

        after_destroy(delete_pupil_documents)
        after_destroy(remove_files_of_pupil)
        after_destroy(erase_pupil_rights)
