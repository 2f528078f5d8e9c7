"""What a rendered page lets a visitor send: its forms (method, action, field names with the values
the page fills in and the choices it offers) and the query parameters its links use (sorting,
pages, exports, admin filters). Read from the HTML, so that every form is found however it is
rendered (templates, the admin, django-filter, a table's checkboxes tied to a form by ``form=``)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

SUBMITS = {"submit", "image", "button"}
CONTROLS = {"input", "button", "select", "textarea"}


@dataclass
class Form:
    method: str
    action: str  # path with its own query, if any
    fields: dict = field(default_factory=dict)  # name -> the values the page sends as it stands
    choices: dict = field(default_factory=dict)  # name -> the values its options / checkboxes offer
    submits: list = field(default_factory=list)  # (name, value) of named submit buttons
    files: set = field(default_factory=set)  # names of its file inputs

    def baseline(self):
        """The values a visitor sends by pressing the first button without changing anything."""
        values = {name: list(vals) for name, vals in self.fields.items()}
        if self.submits:
            name, value = self.submits[0]
            values.setdefault(name, [value])
        for name, _value in self.submits:
            values.setdefault(name, [])
        values.pop("csrfmiddlewaretoken", None)  # the test client does not check CSRF
        return values


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.forms_by_id, self.links, self.detached = [], {}, [], []
        self._form = self._select = self._textarea = None
        self._options = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = Form(method=(attrs.get("method") or "get").lower(), action=attrs.get("action") or "")
            self.forms.append(self._form)
            if attrs.get("id"):
                self.forms_by_id[attrs["id"]] = self._form
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "option" and self._select:
            # The value attribute, or the option's text when it has none (filled in by handle_data).
            self._options.append([attrs.get("value"), "selected" in attrs])
        elif tag in CONTROLS and attrs.get("name"):
            if attrs.get("form"):  # tied to a form elsewhere on the page (e.g. a table's checkboxes)
                self.detached.append((tag, attrs))
            elif self._form is not None:
                self._control(self._form, tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def _control(self, form, tag, attrs):
        name = attrs["name"]
        kind = (attrs.get("type") or ("submit" if tag == "button" else "text")).lower()
        if kind in SUBMITS:
            if tag == "input" or kind == "submit":
                form.submits.append((name, attrs.get("value") or ""))
        elif tag == "select":
            self._select = (form, name, "multiple" in attrs)
            self._options = []
            form.fields.setdefault(name, [])
        elif tag == "textarea":
            self._textarea = (form, name)
            form.fields.setdefault(name, [""])
        elif kind in ("checkbox", "radio"):
            values = form.fields.setdefault(name, [])
            form.choices.setdefault(name, []).append(attrs.get("value") or "on")
            if "checked" in attrs:
                values.append(attrs.get("value") or "on")
        elif kind == "file":
            form.fields.setdefault(name, [])
            form.files.add(name)
        elif kind != "reset":
            form.fields.setdefault(name, []).append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select:
            form, name, multiple = self._select
            offered = [value for value, _selected in self._options]
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and offered:
                # A browser sends the first option; prefer the first that is not the empty choice.
                chosen = [next((value for value in offered if value), "")]
            form.fields[name], form.choices[name] = chosen, offered
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._select and self._options and self._options[-1][0] is None:
            self._options[-1][0] = data.strip()
        elif self._textarea:
            form, name = self._textarea
            form.fields[name] = [data]

    def close(self):
        super().close()
        for tag, attrs in self.detached:
            if attrs["form"] in self.forms_by_id:
                self._control(self.forms_by_id[attrs["form"]], tag, attrs)


def read_page(html, page_url):
    """The page's forms (actions made absolute paths on this site) and the names of the query
    parameters its links to the same path use."""
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    page_path = urlsplit(page_url).path
    forms = []
    for form in parser.forms:
        action = urlsplit(urljoin(page_url, form.action or page_url))
        if action.netloc not in ("", "testserver") or not action.path.startswith("/"):
            continue
        form.action = action.path + (f"?{action.query}" if action.query else "")
        forms.append(form)
    link_params = set()
    for href in parser.links:
        link = urlsplit(urljoin(page_url, href))
        if link.netloc in ("", "testserver") and link.path == page_path:
            link_params.update(name for name, _value in parse_qsl(link.query, keep_blank_values=True))
    return forms, link_params
