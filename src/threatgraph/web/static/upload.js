// Uploads from the browser: each form is sent with XMLHttpRequest so the bytes' progress can be shown and
// the token travels as an Authorization header (an HTML form cannot set one). The server's answer (the
// ingest or list-load report) is shown as it came.
(function () {
  "use strict";
  var tokenInput = document.getElementById("upload-token");
  var bar = document.getElementById("upload-progress");
  var message = document.getElementById("upload-message");
  var report = document.getElementById("upload-report");
  if (!tokenInput || !bar) return;
  try { tokenInput.value = sessionStorage.getItem("threatgraph-token") || ""; } catch (e) { /* storage off */ }

  function count(x) { return Array.isArray(x) ? x.length : (x || 0); }
  function summary(data) {
    if (!data) return "";
    if (data.ingested !== undefined) {
      return count(data.ingested) + " ingested, " + count(data.duplicates) + " duplicates, " + count(data.failed) + " failed.";
    }
    if (data.versions) {
      return data.versions.map(function (v) {
        return v.dataset + ": " + (v.unchanged ? "unchanged" : v.entry_count + " entries, " + v.added + " added, " + v.removed + " removed");
      }).join("; ") + (data.relinked ? " · " + data.relinked.new_links + " new sanctions links" : "");
    }
    return "";
  }

  document.querySelectorAll("#upload-forms form").forEach(function (form) {
    form.addEventListener("submit", function (evt) {
      evt.preventDefault();
      var token = tokenInput.value.trim();
      if (!token) { message.textContent = "Enter the server's token first."; tokenInput.focus(); return; }
      try { sessionStorage.setItem("threatgraph-token", token); } catch (e) { /* storage off */ }
      var body = new FormData(form);
      if (body.get("dataset") === "") body.delete("dataset");
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.getAttribute("data-action"));
      xhr.setRequestHeader("Authorization", "Bearer " + token);
      xhr.setRequestHeader("Accept", "application/json");
      bar.hidden = false; bar.value = 0; report.hidden = true;
      message.textContent = "Uploading…";
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) bar.value = Math.round((100 * e.loaded) / e.total);
      };
      xhr.upload.onload = function () {
        bar.removeAttribute("value"); // indeterminate while the server extracts, resolves and screens
        message.textContent = "Uploaded; the server is processing it…";
      };
      xhr.onload = function () {
        bar.value = 100;
        var data = null;
        try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
        if (xhr.status >= 200 && xhr.status < 300) {
          message.textContent = "Done. " + summary(data);
        } else {
          message.textContent = "Refused (" + xhr.status + "): " + (data && data.detail ? data.detail : xhr.statusText);
        }
        report.textContent = JSON.stringify(data, null, 2);
        report.hidden = false;
      };
      xhr.onerror = function () { message.textContent = "The upload failed: the server could not be reached."; };
      xhr.send(body);
    });
  });
})();
