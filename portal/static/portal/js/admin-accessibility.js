// Accessible names Wagtail and wagtail-localize leave out of their admin screens.
//
// Rich-text editors (Draftail): the accessible name of their field.
// Draftail renders its editable area as role="textbox" without a name, so a screen reader
// announces "edit text" with no label (axe: aria-input-field-name). The field's own <label>
// is beside it: point the textbox at it. Editors appear late (React) and in StreamField
// blocks added later, hence the observer.
//
// wagtail-localize's "upload a PO file" input has no label: it gets the one the script tag
// carries (data-po-file-label, in the admin's language).
(function () {
  "use strict";

  var script = document.currentScript;
  var poFileLabel = script && script.dataset.poFileLabel;

  function nameFileInputs(root) {
    if (!poFileLabel) {
      return;
    }
    root
      .querySelectorAll('form[action*="/pofile/upload/"] input[type="file"]:not([aria-label])')
      .forEach(function (input) {
        input.setAttribute("aria-label", poFileLabel);
      });
  }

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
    nameFileInputs(document);
    new MutationObserver(function () {
      nameEditors(document);
      nameFileInputs(document);
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
