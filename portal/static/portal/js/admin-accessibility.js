// Gives Wagtail's rich-text editors (Draftail) the accessible name of their field.
// Draftail renders its editable area as role="textbox" without a name, so a screen reader
// announces "edit text" with no label (axe: aria-input-field-name). The field's own <label>
// is beside it: point the textbox at it. Editors appear late (React) and in StreamField
// blocks added later, hence the observer.
(function () {
  "use strict";

  function nameEditors(root) {
    var boxes = root.querySelectorAll(
      '[contenteditable="true"][role="textbox"]:not([aria-label]):not([aria-labelledby])'
    );
    boxes.forEach(function (box) {
      // A field in a group has a <label> in its wrapper; a field that is a panel of its own
      // has no label, and its panel's heading names it.
      var wrapper = box.closest("[data-field-wrapper]");
      var label = wrapper && wrapper.querySelector("label");
      if (label) {
        if (!label.id) {
          label.id = "rich-text-label-" + Math.random().toString(36).slice(2);
        }
        box.setAttribute("aria-labelledby", label.id);
        return;
      }
      var panel = box.closest("[data-panel][aria-labelledby]");
      if (panel) {
        box.setAttribute("aria-labelledby", panel.getAttribute("aria-labelledby"));
      }
    });
  }

  function start() {
    nameEditors(document);
    new MutationObserver(function () {
      nameEditors(document);
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
