// #/parties: who acts for whom. The organisations the user sees, the members of those they manage,
// and the current contract's collector tokens (issued once, listed without the secret, revoked).

import {h, mount, option} from '../dom.js';
import {t, label, apiMessage} from '../i18n.js';
import {api} from '../api.js';
import {instant} from '../format.js';
import {pageHeader, card, table, empty, loading, errorBox, notice, field} from '../ui.js';

const KINDS = ['client', 'supplier', 'evaluator'];
const ROLES = ['admin', 'engineer', 'evaluator', 'collector'];

export async function render({main, contract, isCurrent}) {
  const id = encodeURIComponent(contract.id);
  const orgs = h('div', null, loading());
  const tokens = h('div', null, loading());
  mount(main, pageHeader(t('parties.title'), t('parties.subtitle')), orgs, tokens);
  const refresh = () => render({main, contract, isCurrent});
  let me;
  let organisations;
  try {
    [me, organisations] = await Promise.all([api('/me'), api('/organisations')]);
  } catch (err) {
    if (isCurrent()) mount(orgs, errorBox(err));
    return;
  }
  if (!isCurrent()) return;
  // 三权分立: organisations and every organisation's members are the security administrator's, not the operator's
  const security = (me.roles || []).includes('secadmin');
  const manages = (org) => security || (me.memberships || []).some((m) => m.organisation === org && m.role === 'admin');
  const sections = [card(t('parties.organisations'), organisations.length ? table([
    {title: t('parties.id'), cell: (o) => o.id, class: 'nowrap'},
    {title: t('parties.kind'), cell: (o) => label('kind', o.kind)},
    {title: t('parties.name'), cell: (o) => o.name},
  ], organisations, {test: 'organisations', rowTest: (o) => `organisation-${o.id}`}) : empty(t('parties.noOrganisations')),
  security ? organisationForm(refresh) : null)];
  for (const o of organisations.filter((x) => manages(x.id))) {
    sections.push(await membersCard(o, refresh));
  }
  if (!isCurrent()) return;
  mount(orgs, sections);
  mount(tokens, await tokensCard(contract, id));
}

function organisationForm(refresh) {
  const id = h('input', {name: 'id', 'data-test': 'organisation-id', placeholder: 'gxbf'});
  const name = h('input', {name: 'name', 'data-test': 'organisation-name'});
  const kind = h('select', {name: 'kind', 'data-test': 'organisation-kind'}, KINDS.map((k) => option(k, label('kind', k), 'supplier')));
  const status = h('div');
  return h('form', {class: 'filters', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await api('/organisations', {method: 'POST', json: {id: id.value.trim(), name: name.value.trim(), kind: kind.value}});
      refresh();
    } catch (err) {
      mount(status, notice('error', apiMessage(err), 'organisation-error'));
    }
  }}, field(t('parties.id'), id), field(t('parties.name'), name), field(t('parties.kind'), kind),
  h('div', {class: 'filter-actions'}, h('button', {type: 'submit', class: 'btn btn-primary'}, t('parties.save'))), status);
}

async function membersCard(org, refresh) {
  const path = `/organisations/${encodeURIComponent(org.id)}/members`;
  let members;
  try {
    members = await api(path);
  } catch (err) {
    return card(t('parties.members', {name: org.name}), errorBox(err));
  }
  const user = h('input', {name: 'user', 'data-test': `member-user-${org.id}`});
  const role = h('select', {name: 'role', 'data-test': `member-role-${org.id}`}, ROLES.map((r) => option(r, label('role', r), 'engineer')));
  const status = h('div');
  const fail = (err) => mount(status, notice('error', apiMessage(err), 'member-error'));
  return card(t('parties.members', {name: org.name}), members.length ? table([
    {title: t('parties.user'), cell: (m) => m.user},
    {title: t('parties.role'), cell: (m) => label('role', m.role)},
    {title: '', cell: (m) => h('button', {class: 'btn btn-small', 'data-test': `member-remove-${m.user}-${m.role}`, onclick: async () => {
      try {
        await api(`${path}/${encodeURIComponent(m.user)}?role=${encodeURIComponent(m.role)}`, {method: 'DELETE'});
        refresh();
      } catch (err) {
        fail(err);
      }
    }}, t('parties.remove'))},
  ], members, {test: `members-${org.id}`}) : empty(t('parties.noMembers')),
  h('form', {class: 'filters', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await api(path, {method: 'POST', json: {user: user.value.trim(), role: role.value}});
      refresh();
    } catch (err) {
      fail(err);
    }
  }}, field(t('parties.user'), user), field(t('parties.role'), role),
  h('div', {class: 'filter-actions'}, h('button', {type: 'submit', class: 'btn btn-primary'}, t('parties.add'))), status));
}

async function tokensCard(contract, id) {
  const listBox = h('div', null, loading());
  const shown = h('div');
  const fail = (err) => mount(shown, notice('error', apiMessage(err), 'token-error'));
  const load = async () => {
    let list;
    try {
      list = await api(`/contracts/${id}/tokens`);
    } catch (err) {
      mount(listBox, errorBox(err));
      return false;
    }
    mount(listBox, list.length ? table([
      {title: '#', cell: (k) => String(k.id), class: 'nowrap'},
      {title: t('parties.tokenName'), cell: (k) => k.name},
      {title: t('parties.issued'), cell: (k) => `${instant(k.createdAt)} · ${k.createdBy}`},
      {title: t('parties.lastUsed'), cell: (k) => (k.lastUsed ? instant(k.lastUsed) : '—')},
      {title: t('parties.revoked'), cell: (k) => (k.revokedAt ? instant(k.revokedAt)
        : h('button', {class: 'btn btn-small', 'data-test': `token-revoke-${k.id}`, onclick: async () => {
          try {
            await api(`/contracts/${id}/tokens/${k.id}`, {method: 'DELETE'});
            await load();
          } catch (err) {
            fail(err);
          }
        }}, t('parties.revoke')))},
    ], list, {test: 'tokens'}) : empty(t('parties.noTokens')));
    return true;
  };
  if (!(await load())) return card(t('parties.tokens', {contract: contract.id}), listBox);
  const name = h('input', {name: 'name', 'data-test': 'token-name', placeholder: t('parties.tokenNamePlaceholder')});
  return card(t('parties.tokens', {contract: contract.id}), h('p', {class: 'muted'}, t('parties.tokensHint')), listBox,
    h('form', {class: 'filters', onsubmit: async (e) => {
      e.preventDefault();
      try {
        const issued = await api(`/contracts/${id}/tokens`, {method: 'POST', json: {name: name.value.trim()}});
        mount(shown, notice('ok', [t('parties.shownOnce'), ' ', h('code', {'data-test': 'token-secret'}, issued.secret)], 'token-issued'));
        name.value = '';
        await load();
      } catch (err) {
        fail(err);
      }
    }}, field(t('parties.tokenName'), name),
    h('div', {class: 'filter-actions'}, h('button', {type: 'submit', class: 'btn btn-primary'}, t('parties.issue')))), shown);
}
