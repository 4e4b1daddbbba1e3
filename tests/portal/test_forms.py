from django import forms

from portal.forms import PortalForm


class NameForm(PortalForm):
    name = forms.CharField(label="お名前", help_text="ふりがなは別の欄です。")
    phone = forms.CharField(label="電話番号", required=False)


def test_error_is_beside_the_field_and_in_the_summary():
    form = NameForm(data={"name": "", "phone": "0263"})
    html = str(form)
    assert 'class="error-summary"' in html
    assert 'href="#id_name"' in html
    assert 'id="id_name_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_name_error id_name_helptext"' in html


def test_what_was_typed_is_kept_on_an_error():
    form = NameForm(data={"name": "", "phone": "0263-34-3000"})
    assert not form.is_valid()
    assert 'value="0263-34-3000"' in str(form)


def test_a_filled_honeypot_refuses_the_form():
    form = NameForm(data={"name": "山田", "website": "http://spam.example"})
    assert not form.is_valid()
    assert form.non_field_errors()


def test_the_honeypot_is_hidden_from_people():
    assert '<div class="hp" aria-hidden="true">' in str(NameForm())
