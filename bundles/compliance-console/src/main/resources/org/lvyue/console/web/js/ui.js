// Shared pieces of every page: headings, cards, badges, tables, empty states, errors that say what
// to fix, progress, paging, and document downloads with their progress.

import {h, mount} from './dom.js';
import {t, label, apiMessage} from './i18n.js';
import {download} from './api.js';
import {size} from './format.js';

export function pageHeader(title, subtitle, ...actions) {
  return h('div', {class: 'page-header'},
    h('div', null, h('h1', null, title), subtitle ? h('p', {class: 'subtitle'}, subtitle) : null),
    actions.length ? h('div', {class: 'page-actions'}, actions) : null);
}

export function card(title, ...body) {
  return h('section', {class: 'card'}, title ? h('h2', {class: 'card-title'}, title) : null, body);
}

export function kpi(name, value, note, attrs = {}) {
  return h('div', {class: ['kpi', attrs.tone ? `tone-${attrs.tone}` : ''], 'data-test': attrs.test},
    h('div', {class: 'kpi-name'}, name),
    h('div', {class: 'kpi-value'}, value),
    note ? h('div', {class: 'kpi-note'}, note) : null);
}

export function severityBadge(severity) {
  return h('span', {class: `badge sev-${String(severity || '').toLowerCase()}`}, label('severity', severity));
}

export function statusBadge(status) {
  return h('span', {class: `badge st-${String(status || '').toLowerCase()}`, 'data-test': 'status'}, label('status', status));
}

export function stateBadge(state) {
  return h('span', {class: `badge state-${String(state || '').toLowerCase()}`, 'data-test': 'state'}, label('state', state));
}

/**
 * A table: columns [{title, cell: row => node|text, class}], rows; onRow(row) makes rows clickable
 * (and keyboard reachable).
 */
export function table(columns, rows, {onRow, test, rowTest} = {}) {
  return h('div', {class: 'table-wrap'},
    h('table', {class: 'data', 'data-test': test},
      h('thead', null, h('tr', null, columns.map((c) => h('th', {class: c.class}, c.title)))),
      h('tbody', null, rows.map((r) => h('tr', {
        class: onRow ? 'clickable' : null,
        tabindex: onRow ? '0' : null,
        'data-test': rowTest ? rowTest(r) : null,
        onclick: onRow ? () => onRow(r) : null,
        onkeydown: onRow ? (e) => { if (e.key === 'Enter') onRow(r); } : null,
      }, columns.map((c) => h('td', {class: c.class}, c.cell(r))))))));
}

/** An empty state: what is missing and what to do next. */
export function empty(message, hint) {
  return h('div', {class: 'empty', 'data-test': 'empty'},
    h('div', {class: 'empty-mark'}, '∅'),
    h('p', {class: 'empty-message'}, message),
    hint ? h('p', {class: 'empty-hint'}, hint) : null);
}

export function loading(text) {
  return h('div', {class: 'loading', role: 'status'}, h('span', {class: 'spinner'}), text || t('common.loading'));
}

/** The API's refusal: its message, and each problem with row, field and reason. */
export function errorBox(err, {title} = {}) {
  const status = err && err.status;
  let message = apiMessage(err);
  if (status === 403) message = t('error.forbidden') + ' — ' + message;
  return h('div', {class: 'error-box', role: 'alert', 'data-test': 'error'},
    h('strong', null, title || t('error.title')),
    h('p', null, message),
    err && err.problems && err.problems.length ? problemTable(err.problems) : null);
}

/** Problems as a table: row (CSV line or index), field, what is wrong. */
export function problemTable(problems) {
  return table([
    {title: t('problem.row'), cell: (p) => problemRow(p), class: 'num'},
    {title: t('problem.field'), cell: (p) => p.field || '—'},
    {title: t('problem.message'), cell: (p) => p.message || p.reason || ''},
  ], problems, {test: 'problems', rowTest: (p) => `problem-${problemRow(p)}`});
}

function problemRow(p) {
  const row = p.row !== undefined ? p.row : p.index;
  return row === undefined || row === null || row < 0 ? '—' : String(row);
}

export function progress(fraction, text) {
  const known = fraction !== null && fraction !== undefined;
  return h('div', {class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100',
      'aria-valuenow': known ? String(Math.round(fraction * 100)) : null, 'data-test': 'progress'},
    h('div', {class: ['progress-bar', known ? '' : 'indeterminate'], style: {width: known ? `${Math.round(fraction * 100)}%` : '100%'}}),
    h('span', {class: 'progress-text'}, text));
}

export function notice(kind, text, test) {
  return h('div', {class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status', 'data-test': test}, text);
}

/** Previous / next paging for a list with or without a known total. */
export function pager({offset, limit, count, total, onPage}) {
  const last = total !== undefined && total !== null ? offset + limit >= total : count < limit;
  const range = count ? `${offset + 1}–${offset + count}` : '0';
  return h('div', {class: 'pager'},
    h('span', {class: 'pager-range'}, total !== undefined && total !== null ? t('pager.rangeOf', {range, total}) : t('pager.range', {range})),
    h('button', {class: 'btn btn-small', disabled: offset === 0, onclick: () => onPage(Math.max(0, offset - limit))}, t('pager.previous')),
    h('button', {class: 'btn btn-small', disabled: last, onclick: () => onPage(offset + limit)}, t('pager.next')));
}

/**
 * A button that downloads a document through the API, showing "rendering" while the server works
 * and the bytes received after; errors stay beside it, in words.
 */
export function downloadButton(text, path, fileName, {test, primary} = {}) {
  const status = h('span', {class: 'download-status', 'aria-live': 'polite'});
  const button = h('button', {class: ['btn', primary ? 'btn-primary' : ''], 'data-test': test}, text);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await download(path, fileName, (state, x) => {
        if (state === 'rendering') mount(status, progress(null, t('download.rendering')));
        else if (state === 'receiving') mount(status, progress(x, t('download.receiving')));
        else if (state === 'done') mount(status, h('span', {class: 'ok', 'data-test': 'download-done'}, t('download.done', {size: size(x)})));
      });
    } catch (err) {
      mount(status, h('span', {class: 'error-inline', 'data-test': 'download-error'}, apiMessage(err)));
    } finally {
      button.disabled = false;
    }
  });
  return h('span', {class: 'download'}, button, status);
}

export function field(labelText, input, hint) {
  return h('label', {class: 'field'}, h('span', {class: 'field-label'}, labelText), input, hint ? h('span', {class: 'field-hint'}, hint) : null);
}

export function definitionList(pairs) {
  return h('dl', {class: 'defs'}, pairs.filter(Boolean).map(([k, v]) => [h('dt', null, k), h('dd', null, v === null || v === undefined || v === '' ? '—' : v)]));
}
