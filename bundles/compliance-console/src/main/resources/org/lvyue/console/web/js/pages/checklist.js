// #/checklist?day=yyyy-MM-dd: 今日巡检, the on-site engineer's page. Every check item due on the day (daily, weekly,
// monthly, holiday and special-period items, as the rules read the catalogues), grouped by service and by system
// (主/备), each with what is recorded: who and when, the fault record of an abnormal result, corrections. Engineers
// and collectors mark 正常 or 异常 with a note (异常 asks for the fault record) and save; a correction is a new record
// naming the one it corrects. Readers see the same page without controls. Laid out for a phone first: one column of
// items, controls as large buttons, a save bar that stays in reach.

import {h, mount} from '../dom.js';
import {t, label} from '../i18n.js';
import {api, hasRole} from '../api.js';
import {instant} from '../format.js';
import {pageHeader, card, empty, loading, errorBox, notice, field} from '../ui.js';

/** Engineers and collectors record checks; everyone else on the contract reads them. */
function canRecord() {
  return hasRole('engineer', 'collector');
}

/** The day to show: the one asked for, else today, else the service period's last day when today is after it. */
function dayOf(query, contract, today) {
  const asked = query.get('day');
  if (asked && /^\d{4}-\d{2}-\d{2}$/.test(asked)) return asked;
  if (today > contract.periodEnd) return contract.periodEnd;
  if (today < contract.periodStart) return contract.periodStart;
  return today;
}

function localToday() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export async function render({main, query, contract, navigate, isCurrent}) {
  const id = encodeURIComponent(contract.id);
  const day = dayOf(query, contract, localToday());
  const dayInput = h('input', {type: 'date', value: day, min: contract.periodStart, max: contract.periodEnd, 'data-test': 'checklist-day',
    onchange: (e) => { if (e.target.value) navigate('#/checklist?day=' + e.target.value); }});
  const body = h('div', null, loading(t('checklist.loading')));
  mount(main, pageHeader(t('checklist.title'), contract.name), h('div', {class: 'toolbar checklist-toolbar'}, field(t('checklist.day'), dayInput)), body);

  let list;
  try {
    list = await api(`/contracts/${id}/checklist/${day}`);
  } catch (err) {
    if (isCurrent()) mount(body, errorBox(err));
    return;
  }
  if (!isCurrent()) return;
  const recording = canRecord() && list.day <= list.today;
  const post = async (entries) => {
    await api(`/contracts/${id}/checklist/${day}`, {method: 'POST', json: entries});
    const again = await api(`/contracts/${id}/checklist/${day}`);
    if (isCurrent()) show(body, again, recording, post, true);
  };
  show(body, list, recording, post, false);
}

/** Lays the list out; {@code post(entries)} saves them and lays the list out again. */
function show(body, list, recording, post, saved) {
  if (!list.items.length) {
    mount(body, empty(t('checklist.none', {day: list.day}), t('checklist.noneHint')));
    return;
  }
  const rows = [];
  const groups = [];
  const byDomain = new Map();
  list.items.forEach((item) => {
    if (!byDomain.has(item.domain)) byDomain.set(item.domain, []);
    byDomain.get(item.domain).push(item);
  });
  byDomain.forEach((items, domain) => {
    const systems = items[0].systems;
    const sections = systems.map((system) => {
      const lines = items.map((item) => {
        const row = itemRow(item, system, recording);
        rows.push(row);
        return row.el;
      });
      const doneHere = items.filter((i) => standing(i, system)).length;
      return h('div', {class: 'check-system', 'data-test': `system-${domain}-${system || 'none'}`},
        system ? h('h3', {class: 'check-system-title'}, t('checklist.system', {system}), h('span', {class: 'muted'}, ` ${doneHere}/${items.length}`)) : null,
        h('ol', {class: 'check-list'}, lines));
    });
    groups.push(h('section', {class: 'card check-domain', 'data-test': `domain-${domain}`},
      h('h2', {class: 'card-title'}, items[0].domainTitle || domain), sections));
  });
  const status = h('div', {class: 'check-status'},
    saved ? notice('ok', t('checklist.saved'), 'checklist-saved') : null);
  const counter = h('span', {class: 'check-count', 'data-test': 'checklist-pending'});
  const saveButton = h('button', {class: 'btn btn-primary', 'data-test': 'checklist-save', disabled: true, onclick: async () => {
    const entries = [];
    const owners = [];
    rows.forEach((r) => {
      const e = r.entry();
      if (e) {
        entries.push(e);
        owners.push(r);
      }
    });
    if (!entries.length) return;
    rows.forEach((r) => r.problem(null));
    saveButton.disabled = true;
    mount(status, loading(t('checklist.saving')));
    try {
      await post(entries);
    } catch (err) {
      (err.problems || []).forEach((p) => {
        if (p.index >= 0 && owners[p.index]) owners[p.index].problem(`${p.field}: ${p.reason || p.message}`);
      });
      mount(status, errorBox(err));
      saveButton.disabled = false;
    }
  }}, t('checklist.save'));
  const refresh = () => {
    const n = rows.filter((r) => r.entry()).length;
    counter.textContent = t('checklist.pending', {n});
    saveButton.disabled = n === 0;
  };
  rows.forEach((r) => r.onChange(refresh));
  const total = list.items.reduce((n, i) => n + i.systems.length, 0);
  const done = list.items.reduce((n, i) => n + i.systems.filter((s) => standing(i, s)).length, 0);
  mount(body,
    h('p', {class: 'check-summary', 'data-test': 'checklist-summary'}, t('checklist.summary', {day: list.day, items: list.items.length, done, total})),
    recording ? null : h('p', {class: 'muted', 'data-test': 'checklist-readonly'}, canRecord() ? t('checklist.future') : t('checklist.readOnly')),
    status,
    h('div', {class: 'checklist', 'data-test': 'checklist'}, groups),
    recording ? h('div', {class: 'check-savebar'}, counter, saveButton) : null);
  refresh();
}

/** The record of the item on the system that stands (not corrected), or null. */
function standing(item, system) {
  return item.records.find((r) => r.system === system && !r.supersededBy) || null;
}

/** One item on one system: what is recorded, and (for those who record) the controls for a result or a correction. */
function itemRow(item, system, recording) {
  const current = standing(item, system);
  const history = item.records.filter((r) => r.system === system);
  let result = null;
  let listener = () => {};
  const test = `check-${item.obligationId}-${system || 'none'}-${item.period}`;
  const note = h('input', {type: 'text', class: 'check-note', maxlength: '500', placeholder: t('checklist.note'), 'data-test': 'note', 'aria-label': t('checklist.note')});
  const description = h('textarea', {rows: '2', maxlength: '1000', 'data-test': 'fault-description'});
  const reportedTo = h('input', {type: 'text', maxlength: '200', 'data-test': 'fault-reported-to'});
  const reportedAt = h('input', {type: 'datetime-local', 'data-test': 'fault-reported-at'});
  const fault = h('div', {class: 'check-fault', hidden: true, 'data-test': 'fault'},
    h('p', {class: 'check-fault-ask'}, t('checklist.faultAsk')),
    field(t('checklist.faultDescription'), description),
    field(t('checklist.faultReportedTo'), reportedTo),
    field(t('checklist.faultReportedAt'), reportedAt));
  const problem = h('p', {class: 'error-inline', hidden: true, 'data-test': 'check-problem'});
  const choose = (value) => {
    result = result === value ? null : value;
    normalButton.classList.toggle('chosen', result === '正常');
    abnormalButton.classList.toggle('chosen', result === '异常');
    normalButton.setAttribute('aria-pressed', String(result === '正常'));
    abnormalButton.setAttribute('aria-pressed', String(result === '异常'));
    fault.hidden = !(result === '异常' && item.followUpKind);
    listener();
  };
  const normalButton = h('button', {type: 'button', class: 'btn check-ok', 'aria-pressed': 'false', 'data-test': 'result-normal', onclick: () => choose('正常')}, t('checklist.normal'));
  const abnormalButton = h('button', {type: 'button', class: 'btn check-bad', 'aria-pressed': 'false', 'data-test': 'result-abnormal', onclick: () => choose('异常')}, t('checklist.abnormal'));
  const controls = h('div', {class: 'check-controls', hidden: !!current, 'data-test': 'controls'},
    current ? h('p', {class: 'muted'}, t('checklist.correcting', {id: current.factId})) : null,
    h('div', {class: 'check-buttons'}, normalButton, abnormalButton), note, fault);
  [note, description, reportedTo, reportedAt].forEach((i) => i.addEventListener('input', () => listener()));
  const correct = current && recording ? h('button', {type: 'button', class: 'btn btn-small btn-ghost', 'data-test': 'correct', onclick: () => {
    controls.hidden = false;
    correct.hidden = true;
  }}, t('checklist.correct')) : null;
  const el = h('li', {class: ['check-item', current ? (current.normal ? 'is-ok' : 'is-bad') : 'is-open'], 'data-test': test},
    h('div', {class: 'check-head'},
      h('span', {class: 'check-title'}, item.title),
      h('span', {class: 'check-meta'}, `${item.obligationId} · ${label('checklist.freq', item.frequency)} ${item.period} · ${item.clause}`)),
    history.length ? h('ul', {class: 'check-records'}, history.map((r) => recordLine(r))) : h('p', {class: 'check-open muted', 'data-test': 'not-done'}, t('checklist.notDone')),
    recording ? [correct, controls] : null,
    problem);
  return {
    el,
    onChange: (fn) => { listener = fn; },
    problem: (text) => {
      problem.hidden = !text;
      problem.textContent = text || '';
    },
    entry: () => {
      if (!recording || !result) return null;
      const e = {obligationId: item.obligationId, result};
      if (system) e.system = system;
      if (note.value.trim()) e.note = note.value.trim();
      if (current) e.supersedes = current.factId;
      if (result === '异常' && item.followUpKind) {
        e.fault = {description: description.value.trim()};
        if (reportedTo.value.trim()) e.fault.reportedTo = reportedTo.value.trim();
        if (reportedAt.value) e.fault.reportedAt = reportedAt.value.length === 16 ? reportedAt.value : reportedAt.value.slice(0, 16);
      }
      return e;
    },
  };
}

function recordLine(r) {
  return h('li', {class: ['check-record', r.supersededBy ? 'superseded' : ''], 'data-test': r.supersededBy ? 'record-superseded' : 'record'},
    h('span', {class: ['badge', r.normal ? 'st-resolved' : 'st-open'], 'data-test': 'record-result'}, r.normal ? t('checklist.normal') : t('checklist.abnormal')),
    ' ',
    h('span', {'data-test': 'record-who'}, r.engineer), ' · ', h('span', {class: 'muted'}, instant(r.recordedAt)),
    r.note ? h('span', {class: 'check-record-note'}, ` · ${r.note}`) : null,
    r.supersedes ? h('span', {class: 'muted'}, ` · ${t('checklist.corrects', {id: r.supersedes})}`) : null,
    r.supersededBy ? h('span', {class: 'muted'}, ` · ${t('checklist.correctedBy', {id: r.supersededBy})}`) : null,
    r.faults && r.faults.length ? h('ul', {class: 'check-faults'}, r.faults.map((f) => h('li', {'data-test': 'record-fault'},
      `${t('checklist.fault')}：${f.description}`, f.reportedTo ? ` · ${t('checklist.faultReportedTo')} ${f.reportedTo}` : '',
      f.reportedAt ? ` · ${f.reportedAt.replace('T', ' ').slice(0, 16)}` : ''))) : null);
}
