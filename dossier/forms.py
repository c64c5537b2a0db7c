from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import HANDOVER_SECTIONS, DossierExport, Ground, Section


class StartForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("What is the export for?"),
        choices=DossierExport.Purpose.choices,
        widget=forms.RadioSelect,
    )
    requester = forms.ChoiceField(
        label=_("Who asked for the inzage or afschrift?"),
        choices=DossierExport.Requester.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("An inzage or afschrift holds the whole dossier, working notes included."),
    )
    destination = forms.ModelChoiceField(
        label=_("Destination of the warm handover"),
        queryset=None,
        required=False,
        help_text=_(
            "Only with the recorded consent of the pupil or parents for this organisation."
        ),
    )
    sections = forms.MultipleChoiceField(
        label=_("Parts of the dossier to hand over"),
        choices=[(s.value, s.label) for s in HANDOVER_SECTIONS if s != Section.OWN_STATEMENTS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=[s.value for s in HANDOVER_SECTIONS if s != Section.OWN_STATEMENTS],
        help_text=_("Own statements (eigen verklaring) of the pupil or parents always go along."),
    )

    def __init__(self, *args, destinations, rights_request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["destination"].queryset = destinations
        if rights_request is not None:
            self._for_request(rights_request)

    def _for_request(self, rights_request) -> None:
        """An export answering a request: what is asked and who asks come from the request."""
        from .workflow import REQUEST_PURPOSES, REQUEST_REQUESTERS

        del self.fields["destination"], self.fields["sections"]
        purpose = self.fields["purpose"]
        purpose.choices = [
            (value, label)
            for value, label in DossierExport.Purpose.choices
            if value != DossierExport.Purpose.HANDOVER
        ]
        purpose.initial = REQUEST_PURPOSES.get(rights_request.kind)
        purpose.disabled = purpose.initial is not None
        requester = self.fields["requester"]
        requester.required = True
        requester.initial = REQUEST_REQUESTERS.get(rights_request.requester)
        requester.disabled = requester.initial is not None


class WithholdForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, max_length=40)
    ground = forms.ChoiceField(label=_("Ground"), choices=Ground.choices)
