"""Keyboard users reach the content first (WCAG 2.4.1 Bypass Blocks)."""

import pytest

pytestmark = pytest.mark.browser


def test_first_tab_focuses_skip_link_that_moves_focus_to_main(page):
    page.goto("/")

    page.keyboard.press("Tab")

    focused = page.evaluate(
        "() => ({cls: document.activeElement.className,"
        " href: document.activeElement.getAttribute('href'),"
        " visible: document.activeElement.getBoundingClientRect().top >= 0})"
    )
    assert focused["cls"] == "skip-link", focused
    assert focused["href"] == "#main", focused
    assert focused["visible"], "the focused skip link stays off screen"

    page.keyboard.press("Enter")

    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'main'")
    assert page.evaluate("() => document.activeElement.tagName") == "MAIN"
