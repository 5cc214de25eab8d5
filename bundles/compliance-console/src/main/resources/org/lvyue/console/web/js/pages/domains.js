// #/domains: the loaded domain bundles with version, state, rule count and why one was refused or
// stopped (a rule that failed while running, the time limit, a stuck thread); an
// engineer or administrator uploads a bundle jar (it lands in deploy/) and removes one, and watches
// it become active or refused.

import {h, mount} from '../dom.js';
import {t} from '../i18n.js';
import {api, upload, hasRole} from '../api.js';
import {forget} from '../catalogue.js';
import {instant, size} from '../format.js';
import {pageHeader, card, table, empty, loading, errorBox, stateBadge, progress, notice, field} from '../ui.js';

const POLL_MS = 500;
const WAIT_MS = 90000;

export async function render(ctx) {
  const {main, isCurrent, onLeave} = ctx;
  let timer = null;
  let stopped = false;
  onLeave(() => { stopped = true; clearTimeout(timer); });

  const listSlot = h('div', null, loading());
  const manage = hasRole('admin', 'engineer');
  const status = h('div', {class: 'upload-status', 'aria-live': 'polite', 'data-test': 'upload-status'});
  mount(main, pageHeader(t('domains.title'), t('domains.subtitle')),
    manage ? card(t('domains.upload'), uploadForm(status, watch)) : h('p', {class: 'muted'}, t('domains.rolesNeeded')),
    listSlot);

  async function refresh() {
    const d = await api('/domains');
    if (!isCurrent()) return null;
    mount(listSlot, card(t('domains.loaded', {n: (d.bundles || []).length, version: d.ruleSetVersion}),
      (d.bundles || []).length ? bundleTable(d.bundles, manage, remove) : empty(t('domains.none'), t('domains.noneHint'))));
    return d;
  }

  /** Polls until done(domains) says the change is visible, then reports it. */
  function watch(what, done, report) {
    const until = Date.now() + WAIT_MS;
    const tick = async () => {
      if (stopped) return;
      let d;
      try {
        d = await refresh();
      } catch (err) {
        mount(status, errorBox(err));
        return;
      }
      if (!d) return;
      const result = done(d);
      if (result) {
        forget();
        mount(status, report(result));
      } else if (Date.now() > until) {
        mount(status, notice('error', t('domains.timeout', {what}), 'upload-timeout'));
      } else {
        timer = setTimeout(tick, POLL_MS);
      }
    };
    tick();
  }

  async function remove(b, row) {
    mount(status, progress(null, t('domains.removing', {name: b.symbolicName})));
    row.classList.add('pending');
    try {
      await api(`/domains/${encodeURIComponent(b.symbolicName)}`, {method: 'DELETE'});
    } catch (err) {
      row.classList.remove('pending');
      mount(status, errorBox(err));
      return;
    }
    watch(b.symbolicName, (d) => ((d.bundles || []).some((x) => x.symbolicName === b.symbolicName) ? null : true),
      () => notice('ok', t('domains.removed', {name: b.symbolicName}), 'removed'));
  }

  try {
    await refresh();
  } catch (err) {
    if (isCurrent()) mount(listSlot, errorBox(err));
  }
}

function bundleTable(bundles, manage, remove) {
  // the ones needing attention first: stuck, stopped, refused, then the active ones
  const rank = (b) => ({STUCK: 0, STOPPED: 1, REFUSED: 2}[b.state] ?? 3);
  const sorted = [...bundles].sort((a, b) => (rank(a) - rank(b)) || a.symbolicName.localeCompare(b.symbolicName));
  return table([
    {title: t('domains.bundle'), cell: (b) => h('div', null, h('div', {class: 'strong'}, b.title || b.domain || '—'), h('code', {class: 'muted small sym'}, b.symbolicName))},
    {title: t('domains.domain'), cell: (b) => b.domain || '—', class: 'nowrap'},
    {title: t('domains.version'), cell: (b) => b.version, class: 'nowrap'},
    {title: t('domains.state'), cell: (b) => stateBadge(b.state)},
    {title: t('domains.rules'), cell: (b) => String(b.ruleCount), class: 'num'},
    {title: t('domains.since'), cell: (b) => instant(b.since), class: 'nowrap muted'},
    {title: t('domains.problems'), cell: (b) => ((b.problems || []).length
      ? h('ul', {class: 'problems', 'data-test': 'refusal'}, b.problems.map((p) => h('li', null,
        h('code', null, `${p.file || '—'}${p.line > 0 ? ':' + p.line : ''}`), ' ', p.message)))
      : '—')},
    manage ? {title: '', cell: (b) => removeControl(b, remove)} : null,
  ].filter(Boolean), sorted, {test: 'bundles', rowTest: (b) => `bundle-${b.symbolicName}`});
}

function removeControl(b, remove) {
  const box = h('span', {class: 'nowrap'});
  const start = h('button', {class: 'btn btn-small btn-danger-outline', 'data-test': 'remove', onclick: () => {
    mount(box, h('span', {class: 'confirm-text'}, t('domains.removeConfirm')),
      h('button', {class: 'btn btn-small btn-danger', 'data-test': 'remove-confirm', onclick: () => remove(b, box.closest('tr'))}, t('domains.remove')),
      h('button', {class: 'btn btn-small btn-ghost', onclick: () => mount(box, start)}, t('common.cancel')));
  }}, t('domains.remove'));
  box.appendChild(start);
  return box;
}

function uploadForm(status, watch) {
  const file = h('input', {type: 'file', accept: '.jar,application/java-archive', 'data-test': 'upload-file'});
  const submit = h('button', {type: 'submit', class: 'btn btn-primary', 'data-test': 'upload-submit'}, t('domains.uploadSubmit'));
  return h('form', {class: 'upload-form', onsubmit: async (e) => {
    e.preventDefault();
    const f = file.files[0];
    if (!f) {
      mount(status, notice('error', t('domains.chooseJar'), 'upload-error'));
      return;
    }
    if (!/\.jar$/i.test(f.name)) {
      mount(status, notice('error', t('domains.notJar', {name: f.name}), 'upload-error'));
      return;
    }
    submit.disabled = true;
    try {
      const accepted = await upload(`/domains?fileName=${encodeURIComponent(f.name)}`, f, 'application/java-archive', (x) => {
        mount(status, x === null ? progress(null, t('domains.deploying')) : progress(x, t('domains.uploading', {size: size(f.size)})));
      });
      mount(status, progress(null, t('domains.waiting', {name: accepted.symbolicName, version: accepted.version})));
      watch(accepted.symbolicName, (d) => (d.bundles || []).find((b) => b.symbolicName === accepted.symbolicName
        && (!accepted.version || b.version === accepted.version)), (b) => (b.state === 'ACTIVE'
        ? notice('ok', t('domains.active', {name: b.symbolicName, version: b.version, rules: b.ruleCount}), 'upload-active')
        : h('div', {class: 'notice notice-error', 'data-test': 'upload-refused'},
          t(b.state === 'REFUSED' ? 'domains.refused' : 'domains.stopped', {name: b.symbolicName}),
          h('ul', null, (b.problems || []).map((p) => h('li', null, `${p.file || ''}${p.line > 0 ? ':' + p.line : ''} ${p.message}`))))));
      file.value = '';
    } catch (err) {
      mount(status, errorBox(err));
    } finally {
      submit.disabled = false;
    }
  }},
  h('p', {class: 'muted'}, t('domains.uploadHint')),
  h('div', {class: 'inline-form'}, field(t('domains.jar'), file), submit),
  status);
}
