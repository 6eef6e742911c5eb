// The console's only script. Pages work without it; with it, an upload shows that it is under way and a task's
// progress follows the server's events (text/event-stream) until every job has a final state.
(function () {
  var form = document.getElementById('csv-form');
  if (form) {
    form.addEventListener('submit', function () {
      var bar = document.getElementById('upload-progress');
      bar.hidden = false;
      bar.classList.add('busy');
      form.querySelector('button[type=submit]').disabled = true;
    });
  }

  var progress = document.querySelector('[data-progress-url]');
  if (progress && window.EventSource) {
    var events = new EventSource(progress.getAttribute('data-progress-url'));
    events.addEventListener('status', function (e) {
      var s = JSON.parse(e.data);
      var total = s.jobs || 1;
      progress.querySelector('.done').style.width = (s.succeeded * 100 / total) + '%';
      progress.querySelector('.failed').style.width = (s.failed * 100 / total) + '%';
      progress.setAttribute('aria-valuenow', Math.round((s.succeeded + s.failed) * 100 / total));
      Object.keys(s.counts).forEach(function (state) {
        var cell = document.getElementById('count-' + state);
        if (cell) { cell.textContent = s.counts[state]; }
      });
      var summary = document.getElementById('progress-summary');
      if (summary) { summary.textContent = (s.succeeded + s.failed) + ' of ' + s.jobs + ' done'; }
      if (s.done) {
        events.close();
        if (progress.getAttribute('data-done') !== 'true') { window.location.reload(); }
      }
    });
  }
})();
