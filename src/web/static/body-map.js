// The body map's time slider: a range over the dates of the injuries shown,
// hiding the markers (and the table's rows) after the chosen date, so the
// injuries can be watched accumulating. Without JavaScript the page's own
// from/to form does the same through the server.
const longDate = (iso) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

function enhance(root) {
  const markers = [...root.querySelectorAll('.tl-body-map__marker[data-date]')];
  const rows = [...root.querySelectorAll('[data-body-map-row][data-date]')];
  const dates = [...new Set(markers.map((m) => m.getAttribute('data-date')))].sort();
  const mount = root.querySelector('[data-body-map-slider]');
  if (!mount || dates.length < 2) return;

  const group = document.createElement('div');
  group.className = 'govuk-form-group';
  const label = document.createElement('label');
  label.className = 'govuk-label govuk-label--s';
  label.htmlFor = 'body-map-range';
  label.textContent = 'Show the injuries recorded up to a date';
  const hint = document.createElement('div');
  hint.className = 'govuk-hint';
  hint.id = 'body-map-range-hint';
  hint.textContent = 'Move the slider to see the injuries build up over time: each step is a day an injury was recorded.';
  const input = document.createElement('input');
  input.type = 'range';
  input.id = 'body-map-range';
  input.className = 'tl-body-map__range';
  input.min = '0';
  input.max = String(dates.length - 1);
  input.step = '1';
  input.value = input.max;
  input.setAttribute('aria-describedby', 'body-map-range-hint');
  const status = document.createElement('p');
  status.className = 'govuk-body govuk-!-margin-top-2';
  status.setAttribute('aria-live', 'polite');
  group.append(label, hint, input, status);
  mount.append(group);

  const show = () => {
    const limit = dates[Number(input.value)];
    let shown = 0;
    for (const m of markers) {
      const hide = m.getAttribute('data-date') > limit;
      m.classList.toggle('tl-hidden', hide);
      if (!hide) shown++;
    }
    for (const r of rows) r.classList.toggle('tl-hidden', r.getAttribute('data-date') > limit);
    input.setAttribute('aria-valuetext', longDate(limit));
    status.textContent = `Up to ${longDate(limit)}: ${shown} of ${markers.length} ${markers.length === 1 ? 'injury' : 'injuries'}.`;
  };
  input.addEventListener('input', show);
  show();
}

for (const root of document.querySelectorAll('[data-module="tl-body-map"]')) enhance(root);
