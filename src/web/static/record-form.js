// The record form, enhanced. Without this script every part of the form shows and the server takes the part
// for the kind chosen; with it, only that part shows (the others' fields are disabled, so not sent), and a
// click on the body map fills in the next injury row's place and side (the selects stay the way to choose
// for everyone).
const form = document.getElementById('record-form');
if (form) {
  const sections = [...form.querySelectorAll('[data-kind-section]')];
  const show = () => {
    const kind = form.querySelector('input[name="kind"]:checked')?.value ?? '';
    for (const section of sections) {
      const on = section.dataset.kindSection.split(' ').includes(kind);
      section.hidden = !on;
      for (const control of section.querySelectorAll('input, select, textarea')) control.disabled = !on;
    }
  };
  for (const radio of form.querySelectorAll('input[name="kind"]')) radio.addEventListener('change', show);
  show();
}

const picker = document.querySelector('[data-body-map-picker]');
if (picker) {
  picker.hidden = false;
  const status = document.getElementById('body-map-status');
  const rows = () => [...document.querySelectorAll('[data-injury-row]')];
  const select = (row, what) => document.getElementById(`injury-${row.dataset.injuryRow}-${what}`);
  picker.addEventListener('click', (event) => {
    const spot = event.target instanceof Element ? event.target.closest('[data-site]') : null;
    if (!spot) return;
    const all = rows();
    const row = all.find((r) => !select(r, 'site').value) ?? all[all.length - 1];
    if (!row) return;
    select(row, 'site').value = spot.dataset.site;
    select(row, 'side').value = spot.dataset.side ?? '';
    if (status) status.textContent = `Injury ${Number(row.dataset.injuryRow) + 1}: ${spot.dataset.label}.`;
    for (const chosen of picker.querySelectorAll('.tl-map-spot--chosen')) chosen.classList.remove('tl-map-spot--chosen');
    spot.classList.add('tl-map-spot--chosen');
    const type = select(row, 'type');
    if (!type.value) type.focus();
  });
}
