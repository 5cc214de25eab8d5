// #/findings/<key>: one finding with its rule, the clause text from the contract, the facts behind
// it and its waiver history; an administrator waives it or withdraws a waiver here.

import {h, mount} from '../dom.js';
import {t, apiMessage} from '../i18n.js';
import {api, hasRole} from '../api.js';
import {domains, domainTitle} from '../catalogue.js';
import {instant, money} from '../format.js';
import {pageHeader, card, table, empty, loading, errorBox, severityBadge, statusBadge, definitionList, field, notice} from '../ui.js';
import {scoped} from '../contract.js';

export async function render(ctx) {
  const {main, rest: key, contract, isCurrent} = ctx;
  mount(main, loading());
  const [detail, list] = await Promise.all([
    api(`/contracts/${encodeURIComponent(contract.id)}/findings/detail?key=${encodeURIComponent(key)}`),
    domains().catch(() => []),
  ]);
  if (!isCurrent()) return;
  const f = detail.finding || {};
  const rule = detail.rule || {};
  const clause = detail.clause || {};
  const facts = detail.facts || [];
  const waivers = detail.waivers || [];
  const active = waivers.find((w) => w.activeToday && !w.withdrawnAt);

  // back to the list as it was filtered
  // back to the list this finding was opened from, when that list is of this contract
  const fromList = sessionStorage.getItem('lvyue.findingsList') || '';
  const back = h('a', {href: fromList.startsWith(scoped('#/findings')) ? fromList : scoped('#/findings'), class: 'btn btn-ghost', 'data-test': 'back'},
    '← ' + t('finding.back'));

  mount(main,
    pageHeader(f.title || key, null, back),
    h('div', {class: 'finding-head', 'data-test': 'finding-head'}, severityBadge(f.severity), statusBadge(f.status),
      h('span', {class: 'muted'}, f.period || '')),
    h('div', {class: 'grid-2'},
      card(t('finding.summary'), definitionList([
        [t('finding.domain'), domainTitle(list, f.domain)],
        [t('finding.period'), f.periodStart ? `${f.periodStart} ~ ${f.periodEnd}` : null],
        [t('finding.detail'), f.detail],
        f.deadline ? [t('deadline.label'), h('span', {'data-test': 'deadline'}, `${f.deadline}（${f.deadlineBasis}）`)] : null,
        [t('finding.obligation'), f.obligationId],
        [t('finding.firstSeen'), instant(f.firstSeenAt)],
        [t('finding.changed'), instant(f.changedAt)],
        f.resolvedAt ? [t('finding.resolved'), instant(f.resolvedAt)] : null,
        [t('finding.key'), h('code', {class: 'key'}, f.key || key)],
      ])),
      h('div', {class: 'stack'},
        card(t('finding.rule'), definitionList([
          [t('finding.ruleName'), h('span', {'data-test': 'rule-name'}, rule.name || f.rule)],
          [t('finding.bundle'), rule.bundle ? `${rule.bundle} ${rule.bundleVersion || ''}` : (f.ruleBundle ? `${f.ruleBundle} ${f.ruleBundleVersion || ''}` : null)],
        ])),
        card(t('finding.clauseText'),
          h('div', {class: 'clause', 'data-test': 'clause'},
            h('div', {class: 'clause-id'}, clause.id || f.clause || '—'),
            clause.text ? h('blockquote', {'data-test': 'clause-text'}, clause.text) : h('p', {class: 'muted'}, t('finding.noClauseText')))))),
    card(t('finding.facts', {n: facts.length}), facts.length ? factsTable(facts)
      : ((detail.unresolvedFactIds || []).length ? null : empty(t('finding.noFacts'), t('finding.noFactsHint'))),
    (detail.unresolvedFactIds || []).length ? h('p', {class: 'muted', 'data-test': 'unresolved-facts'},
      t('finding.unresolved', {n: detail.unresolvedFactIds.length}), ' ',
      detail.unresolvedFactIds.slice(0, 20).map((id) => h('code', {class: 'chip'}, id)),
      detail.unresolvedFactIds.length > 20 ? '…' : null) : null),
    card(t('finding.waivers'), waiversSection(ctx, f, waivers, active)));
}

function factsTable(facts) {
  return table([
    {title: t('fact.id'), cell: (x) => h('code', null, x.id), class: 'nowrap'},
    {title: t('fact.kind'), cell: (x) => x.kind},
    {title: t('fact.date'), cell: (x) => when(x), class: 'nowrap'},
    {title: t('fact.attributes'), cell: (x) => attributes(x)},
  ], facts, {test: 'facts', rowTest: () => 'fact-row'});
}

/** A fact's day, or its time when it has one ("2022-03-01 10:05"). */
export function when(fact) {
  if (fact.time) return String(fact.time).replace('T', ' ').slice(0, 16);
  return fact.date || '—';
}

/** A fact's subject, status, amount and attributes as key: value pairs. */
export function attributes(fact) {
  const own = [['subject', fact.subject], ['status', fact.status], ['amount', fact.amount ? money(fact.amount) : null]]
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => [t(`fact.${k}`), v]);
  const pairs = own.concat(Object.entries(fact.attributes || {}));
  if (!pairs.length) return '—';
  return h('div', {class: 'attrs'}, pairs.map(([k, v]) => h('span', {class: 'attr'},
    h('span', {class: 'attr-key'}, k), h('span', {class: 'attr-value'}, typeof v === 'object' ? JSON.stringify(v) : String(v)))));
}

function waiversSection(ctx, f, waivers, active) {
  const {contract, navigate} = ctx;
  const history = waivers.length ? table([
    {title: t('waiver.id'), cell: (w) => `#${w.id}`, class: 'nowrap'},
    {title: t('waiver.justification'), cell: (w) => w.justification},
    {title: t('waiver.by'), cell: (w) => `${w.createdBy} · ${instant(w.createdAt)}`},
    {title: t('waiver.expires'), cell: (w) => w.expiresOn || t('waiver.noExpiry'), class: 'nowrap'},
    {title: t('waiver.state'), cell: (w) => w.withdrawnAt
      ? h('span', null, h('span', {class: 'badge st-resolved'}, t('waiver.withdrawn')),
        ` ${w.withdrawnBy} · ${instant(w.withdrawnAt)}${w.withdrawReason ? ' — ' + w.withdrawReason : ''}`)
      : h('span', {class: `badge ${w.activeToday ? 'st-waived' : 'st-resolved'}`}, w.activeToday ? t('waiver.active') : t('waiver.expired'))},
    {title: '', cell: (w) => (hasRole('admin') && !w.withdrawnAt ? withdrawControl(contract, w, navigate) : null)},
  ], waivers, {test: 'waivers'}) : empty(t('waiver.none'), hasRole('admin') ? t('waiver.noneAdminHint') : t('waiver.noneHint'));

  if (!hasRole('admin')) return history;
  if (active || f.status === 'RESOLVED') {
    return [history, f.status === 'RESOLVED' ? h('p', {class: 'muted'}, t('waiver.resolvedNoWaive')) : null];
  }
  return [history, waiveForm(contract, f, navigate)];
}

function waiveForm(contract, f, navigate) {
  const justification = h('textarea', {name: 'justification', rows: '3', required: true, 'data-test': 'waive-justification',
    placeholder: t('waiver.justificationPlaceholder')});
  const expires = h('input', {name: 'expiresOn', type: 'date', 'data-test': 'waive-expires'});
  const message = h('div', {'aria-live': 'polite'});
  const submit = h('button', {type: 'submit', class: 'btn btn-primary', 'data-test': 'waive-submit'}, t('waiver.submit'));
  return h('form', {class: 'waive-form', 'data-test': 'waive-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    if (!justification.value.trim()) {
      mount(message, notice('error', t('waiver.justificationRequired'), 'waive-error'));
      justification.focus();
      return;
    }
    submit.disabled = true;
    mount(message, notice('info', t('waiver.saving')));
    try {
      await api(`/contracts/${encodeURIComponent(contract.id)}/waivers`, {method: 'POST', json: {
        target: 'FINDING', key: f.key, justification: justification.value.trim(), expiresOn: expires.value || undefined,
      }});
      navigate(location.hash);
    } catch (err) {
      mount(message, errorBox(err));
      submit.disabled = false;
    }
  }},
  h('h3', null, t('waiver.formTitle')),
  field(t('waiver.justification'), justification, t('waiver.justificationHint')),
  field(t('waiver.expires'), expires, t('waiver.expiresHint')),
  message,
  submit);
}

function withdrawControl(contract, w, navigate) {
  const box = h('span', {class: 'withdraw'});
  const start = h('button', {class: 'btn btn-small btn-danger-outline', 'data-test': 'withdraw-start', onclick: () => {
    const reason = h('input', {placeholder: t('waiver.withdrawReason'), 'data-test': 'withdraw-reason'});
    const status = h('span');
    mount(box, reason,
      h('button', {class: 'btn btn-small btn-danger', 'data-test': 'withdraw-confirm', onclick: async () => {
        if (!reason.value.trim()) {
          mount(status, h('span', {class: 'error-inline'}, t('waiver.withdrawReasonRequired')));
          reason.focus();
          return;
        }
        try {
          await api(`/contracts/${encodeURIComponent(contract.id)}/waivers/${w.id}?reason=${encodeURIComponent(reason.value.trim())}`, {method: 'DELETE'});
          navigate(location.hash);
        } catch (err) {
          mount(status, h('span', {class: 'error-inline'}, apiMessage(err)));
        }
      }}, t('waiver.withdrawConfirm')),
      h('button', {class: 'btn btn-small btn-ghost', onclick: () => mount(box, start)}, t('common.cancel')),
      status);
    reason.focus();
  }}, t('waiver.withdraw'));
  box.appendChild(start);
  return box;
}
