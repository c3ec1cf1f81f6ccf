"""A request body into (field, value) pairs, strictly: UTF-8 or nothing, no files, few fields.

Browsers post the comment form as application/x-www-form-urlencoded (or
multipart/form-data, for a form that says so); scripts may post JSON. Text
that is not valid UTF-8 is refused rather than guessed at, so what a
moderator approves is exactly what the reader typed.
"""

import json
from urllib.parse import parse_qsl

from python_multipart.multipart import MultipartParser, parse_options_header

MAX_FIELDS = 32
FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
JSON = "application/json"
ACCEPTED = (FORM, MULTIPART, JSON)


class BadBody(ValueError):
    """The body cannot be read as a form; `status` is 400 or 415."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


def media_type(header):
    kind, options = parse_options_header(header or "")
    return kind.decode("latin-1").lower(), options


def parse(content_type, body):
    """[(field, value), ...] from a body of `content_type`; BadBody if it cannot be read."""
    kind, options = media_type(content_type)
    if kind not in ACCEPTED:
        raise BadBody(415, f"a comment is sent as {FORM} or {JSON}, "
                           f"not {kind or 'an untyped body'}")
    charset = options.get(b"charset", b"utf-8").decode("latin-1").lower()
    if charset not in ("utf-8", "utf8"):
        raise BadBody(415, f"the text must be UTF-8, not {charset}")
    if kind == FORM:
        return _urlencoded(body)
    if kind == JSON:
        return _json(body)
    return _multipart(options.get(b"boundary"), body)


def _text(data):
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise BadBody(400, "the text is not valid UTF-8") from None


def _urlencoded(body):
    text = _text(body)
    try:
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict",
                         max_num_fields=MAX_FIELDS)
    except UnicodeDecodeError:
        raise BadBody(400, "the text is not valid UTF-8") from None
    except ValueError:
        raise BadBody(400, f"the form has more than {MAX_FIELDS} fields") from None


def _json(body):
    try:
        data = json.loads(_text(body))
    except ValueError:
        raise BadBody(400, "the body is not valid JSON") from None
    if not isinstance(data, dict):
        raise BadBody(400, "the JSON body must be an object of fields")
    if len(data) > MAX_FIELDS:
        raise BadBody(400, f"the form has more than {MAX_FIELDS} fields")
    pairs = []
    for key, value in data.items():
        if isinstance(value, bool):
            value = "yes" if value else ""
        elif value is None:
            value = ""
        elif not isinstance(value, str):
            raise BadBody(400, f"{key}: must be text")
        pairs.append((key, value))
    return pairs


def _multipart(boundary, body):
    if not boundary:
        raise BadBody(400, "the multipart body has no boundary")
    parts, current = [], {}

    def on_part_begin():
        current.clear()
        current.update(headers={}, data=bytearray(), field=bytearray(), value=bytearray())

    def on_header_field(data, start, end):
        current["field"] += data[start:end]

    def on_header_value(data, start, end):
        current["value"] += data[start:end]

    def on_header_end():
        current["headers"][bytes(current["field"]).lower()] = bytes(current["value"])
        current["field"], current["value"] = bytearray(), bytearray()

    def on_part_data(data, start, end):
        current["data"] += data[start:end]

    def on_part_end():
        _, options = parse_options_header(current["headers"].get(b"content-disposition", b""))
        if b"filename" in options:
            raise BadBody(400, "files cannot be attached to a comment")
        if b"name" not in options:
            raise BadBody(400, "a part of the form has no field name")
        parts.append((_text(options[b"name"]), _text(bytes(current["data"]))))
        if len(parts) > MAX_FIELDS:
            raise BadBody(400, f"the form has more than {MAX_FIELDS} fields")

    parser = MultipartParser(boundary, {
        "on_part_begin": on_part_begin, "on_header_field": on_header_field,
        "on_header_value": on_header_value, "on_header_end": on_header_end,
        "on_part_data": on_part_data, "on_part_end": on_part_end,
    })
    try:
        parser.write(body)
        parser.finalize()
    except BadBody:
        raise
    except Exception as error:  # python-multipart raises its own several error types
        raise BadBody(400, f"the multipart body is malformed ({type(error).__name__})") from None
    return parts
