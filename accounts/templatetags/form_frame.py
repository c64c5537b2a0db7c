"""{% form_frame form submit=… cancel_url=… %}…{% endform_frame %}: a form in the frame every
page shares (templates/_form.html): the errors that belong to no field, the fields, the buttons.
The tag's body lays out the fields where a page wants columns or extras; left empty, the frame
shows every field of the form in order.

A form that posts carries its owner: should the session have ended by the time it is posted,
the text is kept for that person (accounts.kept_forms)."""

from __future__ import annotations

from django import template
from django.forms import Form
from django.utils.safestring import SafeString

from accounts import kept_forms

register = template.Library()


@register.simple_block_tag(takes_context=True)
def form_frame(
    context: template.Context,
    content: SafeString,
    form: Form,
    *,
    submit: str = "",
    cancel_url: str = "",
    delete_url: str = "",
    method: str = "post",
    form_class: str = "",
    aria_label: str = "",
    submit_class: str = "btn-primary",
    next_submit: str = "",
    another_submit: str = "",
    action: str = "",
) -> SafeString:
    frame = context.template.engine.get_template("_form.html")
    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = method == "post" and user is not None and user.is_authenticated
    values = {
        "form": form,
        "fields": content if content.strip() else "",
        "submit": submit,
        "submit_class": "btn-outline-primary" if next_submit else submit_class,
        "next_submit": next_submit,
        "another_submit": another_submit,
        "action": action,
        "cancel_url": cancel_url,
        "delete_url": delete_url,
        "method": method,
        "form_class": form_class,
        "aria_label": aria_label,
        "owner": kept_forms.owner_value(user) if signed_in else "",
    }
    with context.push(values):
        return frame.render(context)
