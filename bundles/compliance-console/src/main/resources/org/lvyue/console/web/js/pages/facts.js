// #/facts: import a CSV sheet or a JSON batch, checked row by row (dry run) before anything is
// stored; browse the recent facts by kind.

import {h, mount, option} from '../dom.js';
import {t, label} from '../i18n.js';
import {api, upload, hasRole} from '../api.js';
import {number, size, instant} from '../format.js';
import {attributes, when} from './finding.js';
import {pageHeader, card, table, empty, loading, errorBox, progress, notice, problemTable, field, pager} from '../ui.js';
import {scoped} from '../contract.js';

const LIMIT = 50;
/** The sheets the API reads (?format=), with the header row of each as a template. */
const FORMATS = {
  inspection: '日期,检查项,结果,巡检人,系统,备注',
  support: '工单号,类型,时间,地点,描述,工程师,结果,报修人',
  attendance: '人员编号,日期,出勤,地点',
};

export async function render({main, query, contract, navigate, isCurrent}) {
  const id = encodeURIComponent(contract.id);
  const browse = h('div', null, loading());
  mount(main, pageHeader(t('facts.title'), t('facts.subtitle')),
    hasRole('admin', 'engineer', 'collector') ? card(t('facts.import'), importer(id)) : h('p', {class: 'muted'}, t('facts.rolesNeeded')),
    browse);

  let kinds;
  try {
    kinds = await api(`/contracts/${id}/facts/kinds`);
  } catch (err) {
    if (isCurrent()) mount(browse, errorBox(err));
    return;
  }
  if (!isCurrent()) return;
  kinds = (kinds || []).filter((k) => k.count > 0).sort((a, b) => a.kind.localeCompare(b.kind));
  if (!kinds.length) {
    mount(browse, card(t('facts.browse'), empty(t('empty.noFacts'), t('facts.noFactsHint'))));
    return;
  }
  const kind = kinds.some((k) => k.kind === query.get('kind')) ? query.get('kind') : kinds[0].kind;
  const offset = Math.max(0, Number(query.get('offset')) || 0);
  // personal information is masked; the contract's admin and evaluator may ask for it whole (the server decides, and
  // records each such view)
  const whole = query.get('personal') === 'whole';
  const personal = whole ? '&personal=whole' : '';
  const picker = h('select', {'data-test': 'fact-kind', onchange: (e) => navigate('#/facts?kind=' + encodeURIComponent(e.target.value) + personal)},
    kinds.map((k) => option(k.kind, `${k.kind}${k.domain ? ' · ' + k.domain : ''} (${number(k.count)})`, kind)));
  const wholeToggle = hasRole('admin', 'evaluator') ? h('label', {class: 'check'},
    h('input', {type: 'checkbox', checked: whole, 'data-test': 'personal-whole',
      onchange: (e) => navigate(`#/facts?kind=${encodeURIComponent(kind)}${e.target.checked ? '&personal=whole' : ''}`)}),
    ` ${t('facts.personalWhole')}`) : null;
  const rows = h('div', null, loading());
  mount(browse, card(t('facts.browse'), h('div', {class: 'inline-form'}, field(t('facts.kind'), picker), wholeToggle), rows));
  let page;
  try {
    page = await api(`/contracts/${id}/facts?kind=${encodeURIComponent(kind)}&limit=${LIMIT}&offset=${offset}${personal}`);
  } catch (err) {
    if (isCurrent()) mount(rows, errorBox(err));
    return;
  }
  if (!isCurrent()) return;
  const facts = page.facts || [];
  mount(rows, facts.length ? [table([
    {title: t('fact.id'), cell: (x) => h('code', null, x.id), class: 'nowrap'},
    {title: t('fact.date'), cell: (x) => when(x), class: 'nowrap'},
    {title: t('fact.received'), cell: (x) => instant(x.receivedAt), class: 'nowrap muted'},
    {title: t('fact.attributes'), cell: (x) => attributes(x)},
  ], facts, {test: 'fact-list'}),
  pager({offset, limit: LIMIT, count: facts.length, total: page.total,
    onPage: (o) => navigate(`#/facts?kind=${encodeURIComponent(kind)}&offset=${o}${personal}`)})] : empty(t('facts.noneOfKind')));
}

function importer(id) {
  const file = h('input', {type: 'file', accept: '.csv,.json,text/csv,application/json', 'data-test': 'import-file'});
  const format = h('select', {'data-test': 'import-format'},
    Object.keys(FORMATS).map((f) => option(f, label('format', f), 'inspection')));
  const formatField = field(t('facts.format'), format);
  const check = h('button', {type: 'submit', class: 'btn btn-primary', 'data-test': 'import-check'}, t('facts.check'));
  const report = h('div', {class: 'import-report', 'aria-live': 'polite', 'data-test': 'import-report'});
  const templates = h('p', {class: 'muted small'}, t('facts.templates'), ' ',
    Object.entries(FORMATS).map(([f, header]) => h('a', {href: '#', class: 'template-link', onclick: (e) => {
      e.preventDefault();
      const a = h('a', {href: URL.createObjectURL(new Blob(['\uFEFF' + header + '\n'], {type: 'text/csv'})), download: `${f}.csv`});
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    }}, label('format', f))));

  const isCsv = (f) => f && /\.csv$/i.test(f.name);
  file.addEventListener('change', () => {
    formatField.hidden = file.files[0] ? !isCsv(file.files[0]) : false;
    mount(report);
  });

  function target(f, dryRun) {
    const q = new URLSearchParams();
    if (dryRun) q.set('dryRun', 'true');
    if (isCsv(f)) q.set('format', format.value);
    return {path: `/contracts/${id}/facts?${q}`, type: isCsv(f) ? 'text/csv' : 'application/json'};
  }

  /** Sends the file, showing the upload progress, then what the server is doing. */
  function send(f, dryRun) {
    const {path, type} = target(f, dryRun);
    return upload(path, f, type, (x) => {
      mount(report, x === null ? progress(null, dryRun ? t('facts.validating') : t('facts.importing'))
        : progress(x, t('facts.uploading', {size: size(f.size)})));
    });
  }

  return h('form', {class: 'import-form', onsubmit: async (e) => {
    e.preventDefault();
    const f = file.files[0];
    if (!f) {
      mount(report, notice('error', t('facts.chooseFile'), 'import-error'));
      return;
    }
    if (!/\.(csv|json)$/i.test(f.name)) {
      mount(report, notice('error', t('facts.wrongType', {name: f.name}), 'import-error'));
      return;
    }
    check.disabled = true;
    try {
      const r = await send(f, true);
      showDryRun(f, r);
    } catch (err) {
      mount(report, errorBox(err, {title: t('facts.refused')}), h('p', {class: 'muted'}, t('facts.nothingStored')));
    } finally {
      check.disabled = false;
    }
  }},
  h('p', {class: 'muted'}, t('facts.importHint')),
  h('div', {class: 'inline-form'}, field(t('facts.file'), file), formatField, check),
  templates,
  report);

  function showDryRun(f, r) {
    const problems = r.problems || [];
    const summary = h('div', {class: 'kpis small-kpis', 'data-test': 'dry-run'},
      h('div', {class: 'kpi'}, h('div', {class: 'kpi-name'}, t('facts.rows')), h('div', {class: 'kpi-value', 'data-test': 'dry-rows'}, number(r.rows))),
      h('div', {class: 'kpi tone-ok'}, h('div', {class: 'kpi-name'}, t('facts.valid')), h('div', {class: 'kpi-value', 'data-test': 'dry-valid'}, number(r.valid))),
      h('div', {class: ['kpi', r.invalid ? 'tone-danger' : '']}, h('div', {class: 'kpi-name'}, t('facts.invalid')), h('div', {class: 'kpi-value', 'data-test': 'dry-invalid'}, number(r.invalid))));
    if (r.invalid || problems.length) {
      mount(report, summary,
        notice('error', t('facts.fixRows', {n: r.invalid || problems.length}), 'dry-run-refused'),
        problemTable(problems),
        h('p', {class: 'muted'}, t('facts.nothingStored')));
      return;
    }
    const go = h('button', {class: 'btn btn-primary', 'data-test': 'import-submit', onclick: async () => {
      go.disabled = true;
      try {
        const res = await send(f, false);
        mount(report, importResult(res));
      } catch (err) {
        mount(report, errorBox(err, {title: t('facts.refused')}), h('p', {class: 'muted'}, t('facts.nothingStored')));
      }
    }}, t('facts.importN', {n: number(r.valid)}));
    mount(report, summary, notice('ok', t('facts.allValid', {n: number(r.valid), name: f.name}), 'dry-run-ok'),
      r.duplicates ? h('p', {class: 'muted'}, t('facts.dryDuplicates', {n: number(r.duplicates)})) : null, go);
  }
}

function importResult(r) {
  return h('div', {'data-test': 'import-result'},
    notice(r.evaluationError ? 'warn' : 'ok', t('facts.stored', {stored: number(r.stored), received: number(r.received)}), 'import-done'),
    h('ul', {class: 'result-list'},
      (r.duplicateIds || []).length ? h('li', null, t('facts.duplicates', {n: number(r.duplicateIds.length)})) : null,
      h('li', null, t('facts.findingsChange', {opened: number(r.findingsOpened), resolved: number(r.findingsResolved), open: number(r.findingsOpen)})),
      r.evaluationError ? h('li', {class: 'error-inline'}, t('facts.evaluationError', {error: r.evaluationError})) : null),
    h('p', null, h('a', {href: scoped('#/findings?status=OPEN')}, t('facts.seeFindings'))));
}
