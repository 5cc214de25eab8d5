// #/c/<contract>/subscriptions: who is told what of the contract (issue #23). An admin of one of the
// contract's organisations (or the operator) lists, adds and removes that organisation's recipients
// through GET/POST/DELETE /api/contracts/<id>/subscriptions; the API decides, the page shows its
// refusals beside the fields (400) or as a whole (403, 404).

import {h, mount, option} from '../dom.js';
import {t, label} from '../i18n.js';
import {api} from '../api.js';
import {instant} from '../format.js';
import {pageHeader, card, table, empty, loading, errorBox, notice} from '../ui.js';
import {fieldInput, fieldBox, showProblems, clearProblems, messageOnly} from '../definition-form.js';

export const ROLES = ['admin'];

const CHANNELS = ['EMAIL', 'WEBHOOK', 'WECOM', 'DINGTALK'];
/** The kinds of message (org.lvyue.api.notify.NotificationKind); a kind the page does not know still lists by its name. */
const KINDS = ['FINDING', 'LEDGER', 'SUPPORT_WARNING', 'SUPPORT_BREACH', 'DEADLINE', 'DIGEST', 'WAIVER'];
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'];

export async function render({main, contract, isCurrent}) {
  const path = `/contracts/${encodeURIComponent(contract.id)}/subscriptions`;
  const listBox = h('div', null, loading());
  const formBox = h('div');
  mount(main, pageHeader(t('subs.title'), t('subs.subtitle', {contract: contract.id})), listBox, formBox);
  let me;
  let detail;
  let organisations;
  try {
    [me, detail, organisations] = await Promise.all([api('/me'), api(`/contracts/${encodeURIComponent(contract.id)}`),
      api('/organisations')]);
  } catch (err) {
    if (isCurrent()) mount(listBox, errorBox(err));
    return;
  }
  if (!isCurrent()) return;
  const names = new Map(organisations.map((o) => [o.id, o.name]));
  const orgName = (id) => (names.has(id) ? `${names.get(id)}（${id}）` : id);
  const d = detail.definition || {};
  const parties = [...new Set(['client', 'supplier', 'evaluator'].map((p) => d[p] && d[p].organisation).filter(Boolean))];
  const manages = (org) => me.operator || (me.memberships || []).some((m) => m.organisation === org && m.role === 'admin');
  const mine = parties.filter(manages);
  const status = h('div', {'aria-live': 'polite'});

  const load = async () => {
    let list;
    try {
      list = await api(path);
    } catch (err) {
      if (isCurrent()) mount(listBox, card(t('subs.list'), errorBox(err)));
      return false;
    }
    if (!isCurrent()) return false;
    mount(listBox, card(t('subs.list'), list.length ? table([
      {title: '#', cell: (s) => String(s.id), class: 'nowrap'},
      {title: t('subs.party'), cell: (s) => orgName(s.party)},
      {title: t('subs.name'), cell: (s) => s.name},
      {title: t('subs.channel'), cell: (s) => label('channel', s.channel)},
      {title: t('subs.target'), cell: (s) => [h('code', {class: 'wrap'}, s.target), s.signed ? h('span', {class: 'tag'}, t('subs.signed')) : null]},
      {title: t('subs.kinds'), cell: (s) => (s.kinds || []).map((k) => h('span', {class: 'tag', title: k}, label('notifyKind', k))) },
      {title: t('subs.minSeverity'), cell: (s) => label('severity', s.minSeverity)},
      {title: t('subs.created'), cell: (s) => `${instant(s.createdAt)} · ${s.createdBy}`, class: 'nowrap muted'},
      {title: '', cell: (s) => h('button', {class: 'btn btn-small', 'data-test': `subscription-remove-${s.id}`, onclick: async () => {
        if (!confirm(t('subs.confirmRemove', {name: s.name}))) return;
        try {
          await api(`${path}/${s.id}`, {method: 'DELETE'});
          mount(status, notice('ok', t('subs.removed', {name: s.name}), 'subscription-removed'));
          await load();
        } catch (err) {
          mount(status, errorBox(err, {title: t('subs.refused')}));
        }
      }}, t('subs.remove'))},
    ], list, {test: 'subscriptions', rowTest: (s) => `subscription-${s.id}`}) : empty(t('subs.none'), t('subs.noneHint'))));
    return true;
  };
  if (!(await load())) return;
  if (!isCurrent()) return;
  mount(formBox, mine.length ? addForm(path, mine, orgName, status, load) : card(t('subs.add'), notice('info', t('subs.managesNone'))), status);
}

function addForm(path, parties, orgName, status, reload) {
  const form = h('form', {class: 'definition-form', 'data-test': 'subscription-form', novalidate: true});
  const rest = h('div');
  const party = h('select', {name: 'party', 'data-test': 'field-party'}, parties.map((p) => option(p, orgName(p), parties[0])));
  const channel = h('select', {name: 'channel', 'data-test': 'field-channel'}, CHANNELS.map((c) => option(c, label('channel', c), 'EMAIL')));
  const minSeverity = h('select', {name: 'minSeverity', 'data-test': 'field-minSeverity'},
    SEVERITIES.map((s) => option(s, label('severity', s), 'HIGH')));
  const kinds = h('div', {class: 'service-choices', 'data-test': 'field-kinds'}, KINDS.map((k) => h('label', {class: 'check'},
    h('input', {type: 'checkbox', name: 'kind', value: k, checked: k === 'FINDING', 'data-test': `kind-${k}`}), ` ${label('notifyKind', k)}`)));
  const target = fieldInput('target', t('subs.target'), '', {required: true, hint: t('subs.targetHint.EMAIL')});
  const secret = fieldInput('secret', t('subs.secret'), '', {hint: t('subs.secretHint'), attrs: {autocomplete: 'off'}});
  const sync = () => {
    target.querySelector('.field-hint').textContent = t(`subs.targetHint.${channel.value}`);
    secret.hidden = channel.value !== 'DINGTALK';
  };
  channel.addEventListener('change', sync);
  const submit = h('button', {type: 'submit', class: 'btn btn-primary', 'data-test': 'subscription-submit'}, t('subs.add'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    clearProblems(form, rest);
    status.replaceChildren();
    const value = (name) => form.querySelector(`[name="${name}"]`).value.trim();
    const body = {party: party.value, name: value('name'), channel: channel.value, target: value('target'),
      kinds: [...form.querySelectorAll('input[name="kind"]:checked')].map((c) => c.value), minSeverity: minSeverity.value};
    if (channel.value === 'DINGTALK' && value('secret')) body.secret = value('secret');
    try {
      const added = await api(path, {method: 'POST', json: body});
      // the next recipient is likely of the same kind: channel, kinds and severity stay
      for (const name of ['name', 'target', 'secret']) form.querySelector(`[name="${name}"]`).value = '';
      await reload();
      mount(status, notice('ok', t('subs.added', {id: added.id, name: added.name}), 'subscription-added'));
    } catch (err) {
      // kinds[1] is shown beside the kinds
      const problems = (err.problems || []).map((p) => ({...p, field: String(p.field || '').replace(/\[\d+\]$/, '')}));
      const placed = showProblems(form, rest, problems);
      mount(status, errorBox(placed ? messageOnly(err) : err, {title: t('subs.refused')}));
    } finally {
      submit.disabled = false;
    }
  });
  mount(form, h('div', {class: 'form-grid'},
    fieldBox('party', t('subs.party'), party),
    fieldInput('name', t('subs.name'), '', {required: true, hint: t('subs.nameHint')}),
    fieldBox('channel', t('subs.channel'), channel),
    target, secret,
    fieldBox('minSeverity', t('subs.minSeverity'), minSeverity, t('subs.minSeverityHint'))),
  fieldBox('kinds', t('subs.kinds'), kinds),
  rest, h('div', {class: 'form-actions'}, submit));
  sync();
  return card(t('subs.add'), form);
}
