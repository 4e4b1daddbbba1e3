"""Controls older residents tap are 44 CSS px tall at least, on a phone and at 200 % zoom
(a 1280 px window at zoom 2 lays out as 640 px): buttons, selects, text boxes and each
radio or tick-box row (its label is what is tapped). Inline links in text are exempt."""

import pytest

pytestmark = pytest.mark.browser

MINIMUM = 44
FORMS = [
    pytest.param("/support/", id="intake-form"),
    pytest.param("/places/", id="places-filters"),
    pytest.param("/consult/", id="consult"),
    pytest.param("/districts/", id="which-district"),
]
VIEWPORTS = [
    pytest.param({"width": 390, "height": 844}, id="phone"),
    pytest.param({"width": 640, "height": 400}, id="200-percent-zoom"),
]

#: The height of each visible control's target, with a name to report it by.
TARGETS = """
() => {
  const visible = (el) =>
    el.getClientRects().length && getComputedStyle(el).visibility !== "hidden";
  const found = [];
  const report = (el, what) => {
    const box = el.getBoundingClientRect();
    found.push({what, height: Math.round(box.height * 10) / 10});
  };
  const controls = "main button, main select, main textarea, main input[type=text], "
    + "main input[type=email], main input[type=tel]";
  for (const el of document.querySelectorAll(controls)) {
    if (visible(el) && !el.closest(".hp")) report(el, `${el.tagName}#${el.id || el.name}`);
  }
  for (const input of document.querySelectorAll("main input[type=radio], main [type=checkbox]")) {
    if (!visible(input) || input.closest(".hp")) continue;
    const label = input.closest("label") || document.querySelector(`label[for="${input.id}"]`);
    report(label || input, `label of ${input.name}=${input.value}`);
  }
  return found;
}
"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", FORMS)
def test_every_control_is_at_least_44_px_tall(new_context, path, viewport):
    page = new_context(viewport=viewport).new_page()
    page.goto(path)

    targets = page.evaluate(TARGETS)

    small = [t for t in targets if t["height"] < MINIMUM]
    assert targets and not small, f"{path}: under {MINIMUM} px: {small[:8]}"


@pytest.mark.parametrize("path", FORMS)
def test_the_page_reflows_at_200_percent_zoom(new_context, path):
    page = new_context(viewport={"width": 640, "height": 400}).new_page()
    page.goto(path)

    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 640, f"{path} is {width}px wide at 200 % zoom"
