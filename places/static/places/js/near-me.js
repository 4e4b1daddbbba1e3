// "Use my location": opt-in, fills the hidden lat/lon fields and submits the filter form.
// Without JavaScript the button stays hidden and the "Near" text field does the same job.
(function () {
  var button = document.querySelector("[data-near-me]");
  if (!button || !("geolocation" in navigator)) { return; }
  var form = button.form;
  var status = form.querySelector("[data-near-me-status]");
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = button.dataset.waiting || "…";
    navigator.geolocation.getCurrentPosition(function (position) {
      form.elements.lat.value = position.coords.latitude.toFixed(5);
      form.elements.lon.value = position.coords.longitude.toFixed(5);
      form.elements.near.value = "";
      form.submit();
    }, function () {
      status.textContent = button.dataset.failed || "";
    }, {timeout: 10000, maximumAge: 600000});
  });
})();
