"""Pure parts of the service: field checks, networks, signatures, body parsing, the store."""

import ipaddress

import pytest

from comment_service import forms, network, signing, validate
from comment_service.intake import comment_id_base
from comment_service.store import Limits, Refused, Store

LIMITS = validate.Limits()


def check(**fields):
    values = {"article": "p", "name": "Maria", "comment": "Hello there"}
    values.update(fields)
    return validate.check(values, LIMITS)


def test_a_good_post_becomes_a_draft():
    draft, errors = check(email=" maria@example.org ", website="https://maria.example/",
                          replyto="tom", notify="yes", comment="Line one\r\nLine two\r\n")
    assert errors == []
    assert draft.email == "maria@example.org" and draft.notify and draft.replyto == "tom"
    assert draft.body == "Line one\nLine two" and not draft.honeypot


@pytest.mark.parametrize("fields, field, words", [
    ({"name": ""}, "name", "missing"),
    ({"comment": "  "}, "comment", "missing"),
    ({"article": ""}, "article", "missing"),
    ({"name": "Bob\nReplyto: x"}, "name", "one line"),
    ({"name": "Bob\rDate: 2020"}, "name", "one line"),
    ({"name": "Bob\u2028x"}, "name", "one line"),
    ({"name": "Bob\x00"}, "name", "control"),
    ({"name": "x" * 101}, "name", "longer than 100"),
    ({"comment": "hi"}, "comment", "shorter than 3"),
    ({"comment": "x" * 65536}, "comment", "longer than 65,535"),
    ({"comment": "bell\x07"}, "comment", "control"),
    ({"email": "not-an-address"}, "email", "not an email"),
    ({"email": "a@b.c\nBcc: x@y.z"}, "email", "one line"),
    ({"notify": "yes"}, "email", "needed for reply notices"),
    ({"website": "javascript:alert(1)"}, "website", "http"),
    ({"website": "https://"}, "website", "http"),
    ({"website": "https://a.example/" + "x" * 300}, "website", "254"),
    ({"replyto": "../etc"}, "replyto", "not a comment id"),
    ({"article": "../x"}, "article", "slug"),
])
def test_each_bad_field_is_named_with_the_reason(fields, field, words):
    draft, errors = check(**fields)
    assert draft is None
    assert [e.field for e in errors] == [field]
    assert words in errors[0].message


def test_a_field_sent_twice_is_refused_but_unknown_fields_are_ignored():
    values, errors = validate.single_values([("name", "a"), ("name", "b"), ("x", "1"), ("x", "2")])
    assert [str(e) for e in errors] == ["name: is given more than once; send it once"]
    assert values["name"] == "a"


def test_holds_and_blocklists():
    draft, _ = check(comment="see http://a.example http://b.example www.c.example",
                     name="elena  MARSH")
    assert validate.hold_reasons(draft, hold_links=2) == ["3 links (more than 2)"]
    assert validate.hold_reasons(draft, hold_links=3) == []
    assert validate.blocked(draft, names=[], words=["C.EXAMPLE"]) == "blocked word 'C.EXAMPLE'"
    assert validate.blocked(draft, names=["Elena Marsh"], words=[]) is None
    assert validate.blocked(draft, names=["elena  marsh"], words=["exam"]) == \
        "blocked name 'elena  marsh'"


@pytest.mark.parametrize("fields, field, words", [
    ({"name": "Elena Marsh"}, "name", "site's authors"),
    ({"name": "elena  MARSH"}, "name", "site's authors"),
    ({"name": "Еlena Marsh"}, "name", "site's authors"),  # a Cyrillic Е
    ({"comment": "Write to me at maria@example.org please"}, "comment", "email address"),
    ({"name": "Maria maria@example.org"}, "name", "address"),
    ({"comment": "Stacked a" + "\u0301" * 9}, "comment", "accents"),
    ({"comment": "> " * 40 + "deep"}, "comment", "nests"),
])
def test_what_the_strict_build_would_refuse_is_refused_at_once(fields, field, words):
    draft, errors = check(**fields)
    assert errors == []
    refused = validate.build_refusals(draft, timezone="UTC", max_length=65535,
                                      author_names=["Elena Marsh", "David Okafor"])
    assert [e.field for e in refused][:1] == [field] and words in refused[0].message, refused


def test_an_ordinary_comment_passes_the_build_checks():
    draft, _ = check(name="María Ortiz", comment="The *merits* rate: 8.3% [TRAC](https://trac.syr.edu).",
                     website="https://maria.example/", replyto="tom")
    assert validate.build_refusals(draft, timezone="UTC", max_length=65535,
                                   author_names=["Elena Marsh"]) == []


def test_comment_ids_come_from_names():
    assert comment_id_base("María L.") == "maria-l"
    assert comment_id_base("<script>") == "script"
    assert comment_id_base("李小龍") == "comment"
    assert comment_id_base("a b c d e") == "a-b-c"


def test_networks_are_truncated_and_proxies_believed_only_when_trusted():
    trusted = [ipaddress.ip_network("10.0.0.0/8")]
    assert network.network_of(network.client_address("203.0.113.77", None, [])) == "203.0.113.0/24"
    assert network.network_of(network.client_address("2001:db8:1:2::9", None, [])) == \
        "2001:db8:1::/48"
    assert network.network_of(network.client_address("::ffff:198.51.100.9", None, [])) == \
        "198.51.100.0/24"
    # An untrusted peer's X-Forwarded-For is the client's own claim.
    assert str(network.client_address("203.0.113.5", "1.2.3.4", trusted)) == "203.0.113.5"
    # Through a trusted proxy: the right-most address that is not a proxy.
    assert str(network.client_address("10.0.0.1", "1.2.3.4, 198.51.100.7, 10.0.0.2",
                                      trusted)) == "198.51.100.7"
    assert str(network.client_address("10.0.0.1", "garbage", trusted)) == "10.0.0.1"


def test_signed_links_verify_and_refuse_forgery_alteration_and_age():
    token = signing.sign("k" * 20, "approve", 12, expires=2000)
    assert signing.verify("k" * 20, token, now=1000) == ("approve", 12)
    with pytest.raises(signing.BadToken, match="expired"):
        signing.verify("k" * 20, token, now=2001)
    with pytest.raises(signing.BadToken, match="altered"):
        signing.verify("k" * 20, token.replace("approve.12", "approve.13"), now=1000)
    with pytest.raises(signing.BadToken, match="altered"):
        signing.verify("k" * 20, token.replace(".2000.", ".9999."), now=1000)
    with pytest.raises(signing.BadToken, match="altered"):
        signing.verify("another-key-entirely", token, now=1000)
    with pytest.raises(signing.BadToken):
        signing.verify("k" * 20, "approve.12", now=1000)


@pytest.mark.parametrize("content_type, body, status, words", [
    ("text/plain", b"name=a", 415, "not text/plain"),
    ("", b"name=a", 415, "untyped"),
    ("application/x-www-form-urlencoded; charset=latin-1", b"a=b", 415, "UTF-8"),
    ("application/x-www-form-urlencoded", b"name=%ff%fe", 400, "UTF-8"),
    ("application/x-www-form-urlencoded", b"name=\xff", 400, "UTF-8"),
    ("application/x-www-form-urlencoded", b"&".join(b"f%d=1" % i for i in range(40)), 400, "fields"),
    ("application/json", b"[1, 2]", 400, "object"),
    ("application/json", b"{", 400, "JSON"),
    ("application/json", b'{"name": {"x": 1}}', 400, "text"),
    ("multipart/form-data", b"x", 400, "boundary"),
])
def test_unreadable_bodies(content_type, body, status, words):
    with pytest.raises(forms.BadBody) as caught:
        forms.parse(content_type, body)
    assert caught.value.status == status and words in str(caught.value)


def test_bodies_of_each_kind_give_the_same_pairs():
    assert forms.parse("application/x-www-form-urlencoded", b"name=Mar%C3%ADa&comment=a+b") == \
        [("name", "María"), ("comment", "a b")]
    assert forms.parse("application/json; charset=utf-8", '{"name": "María", "notify": true}'
                       .encode()) == [("name", "María"), ("notify", "yes")]
    multipart = (b'--XX\r\nContent-Disposition: form-data; name="name"\r\n\r\nMar\xc3\xada\r\n'
                 b"--XX--\r\n")
    assert forms.parse("multipart/form-data; boundary=XX", multipart) == [("name", "María")]
    with pytest.raises(forms.BadBody, match="files"):
        forms.parse("multipart/form-data; boundary=XX", multipart.replace(
            b'name="name"', b'name="name"; filename="a.txt"'))


def test_store_limits_floods_duplicates_and_ids(tmp_path):
    store = Store(tmp_path / "q.sqlite3")
    draft, _ = check(comment="First words")
    limits = Limits(count=3, period=600, flood=15)
    first = store.add(draft, status="pending", reasons=[], network="n", now=1000, limits=limits,
                      id_base="maria", taken={"MARIA"})
    assert first.comment_id == "maria-2" and first.status == "pending"
    assert store.add(draft, status="pending", reasons=[], network="n", now=1005,
                     limits=limits) == Refused("flood", 10)
    assert store.add(draft, status="pending", reasons=[], network="n", now=1100,
                     limits=limits) == Refused("duplicate")
    # Spacing and case do not make a comment new.
    same, _ = check(comment="  first   WORDS ")
    assert store.add(same, status="pending", reasons=[], network="m", now=1100) == \
        Refused("duplicate")
    for n, at in enumerate((1200, 1300)):
        other, _ = check(comment=f"Another comment {n}")
        assert store.add(other, status="pending", reasons=[], network="n", now=at,
                         limits=limits, id_base="maria").comment_id == f"maria{'' if n == 0 else '-3'}"
    other, _ = check(comment="Yet another")
    assert store.add(other, status="pending", reasons=[], network="n", now=1400,
                     limits=limits) == Refused("rate", 200)
    # Another network is counted apart.
    assert store.add(other, status="pending", reasons=[], network="o", now=1400,
                     limits=limits).status == "pending"
    assert store.count("pending") == 4
