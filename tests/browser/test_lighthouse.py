"""Lighthouse's accessibility, best-practices and SEO audits score 100 (mobile profile, the
script `./dev bench` uses: bench/lighthouse.mjs, one Chromium for all pages). One run per
page, on a representative subset: a Lighthouse run takes 15-50 s on a busy two-core
machine, so every page (30) would push the suite past its 20 minutes. The subset holds the
page kinds: the home page, a guidance page, a guidance page with a calculator and the
largest calculator page; `./dev bench` audits every calculator page. Performance is not
tested (it moves with the machine's load)."""

from __future__ import annotations

from bench import lighthouse

PAGES = ["", lighthouse.GUIDANCE, lighthouse.GUIDANCE_WITH_CALCULATOR, "kalkulatorer/budsjett/"]
CATEGORIES = ("accessibility", "best-practices", "seo")


def test_accessibility_best_practices_and_seo_score_100(server, origin, built_site):
    for page in PAGES:
        assert (built_site / page / "index.html").exists(), page
    raw = lighthouse.run(origin, PAGES, categories=CATEGORIES, runs=1)
    below = []
    for url, (result,) in raw["results"].items():
        assert result["runtime_error"] is None, f"{url}: {result['runtime_error']}"
        assert set(result["scores"]) == set(CATEGORIES), result["scores"]
        if any(score < 100 for score in result["scores"].values()):
            below.append(f"{url}: {result['scores']} failing: {result['failing']}")
    assert not below, "\n".join(below)
