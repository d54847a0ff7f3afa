"""The start of every built page: a browser reads the character encoding from the first
1 024 bytes only, so `<meta charset>` comes first in `<head>` and the policy's `<meta>`
(long: one hash per inline script) right after it, before anything it must govern."""

from __future__ import annotations

import re


def test_the_charset_comes_first_and_the_policy_right_after_it(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        data = page.read_bytes()
        charset = data.find(b'<meta charset="utf-8">')
        policy = data.find(b'<meta http-equiv="Content-Security-Policy"')
        assert 0 <= charset and charset + len(b'<meta charset="utf-8">') <= 1024, (page, charset)
        assert policy == charset + len(b'<meta charset="utf-8">'), page
        head = data[data.index(b"<head>") + len(b"<head>"):charset]
        assert head.strip() == b"", page  # nothing before the charset in <head>
        assert data.count(b'http-equiv="Content-Security-Policy"') == 1, page
        # The first script, stylesheet or link of the page comes after the policy.
        first = min(m.start() for m in re.finditer(rb"<(script|link|style)\b", data))
        assert first > policy, page
