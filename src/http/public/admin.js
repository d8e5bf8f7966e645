// Admin console, reindex page: polls the job's progress through the admin API (with the console's
// session cookie) and reloads the page when the job ends, so the server renders the change report.
// Plain JS, no inline code (the CSP forbids it); texts come from the page's data attributes and are
// placed with textContent only.
'use strict';

(function () {
  var box = document.getElementById('reindex-progress');
  if (!box) return;
  var url = box.getAttribute('data-job-url');
  var textProgress = box.getAttribute('data-text-progress') || '{done}/{total}';
  var textCurrent = box.getAttribute('data-text-current') || '{file}';
  var bar = document.getElementById('reindex-bar');
  var count = document.getElementById('reindex-count');
  var file = document.getElementById('reindex-file');
  var INTERVAL_MS = 1000;
  var failures = 0;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_m, name) {
      return values[name] === undefined ? '' : String(values[name]);
    });
  }

  function show(progress) {
    var total = Math.max(progress.total || 0, 1);
    bar.max = total;
    bar.value = Math.min(progress.done || 0, total);
    bar.textContent = (progress.done || 0) + '/' + (progress.total || 0);
    count.textContent = fill(textProgress, { done: progress.done || 0, total: progress.total || 0 });
    file.textContent = progress.file ? fill(textCurrent, { file: progress.file }) : '';
  }

  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.json();
      })
      .then(function (body) {
        failures = 0;
        var job = body && body.job;
        if (!job) throw new Error('no job in the answer');
        if (job.state !== 'running') {
          window.location.reload();
          return;
        }
        show(job.progress || {});
        window.setTimeout(poll, INTERVAL_MS);
      })
      .catch(function () {
        // A restart or a network blip: slow down, then let the server-rendered page say what happened.
        failures += 1;
        if (failures >= 5) window.location.reload();
        else window.setTimeout(poll, INTERVAL_MS * 2);
      });
  }

  window.setTimeout(poll, INTERVAL_MS / 2);
})();
