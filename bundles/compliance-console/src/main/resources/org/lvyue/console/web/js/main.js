// The console's entry point: language, login state, the shell (header with the contract switcher,
// navigation) and the hash router. A contract's pages carry the contract in the URL:
// #/c/<contract>/dashboard, .../findings, .../findings/<key>, .../ledger, .../assessments,
// .../domains, .../facts, .../activity, .../checklist (今日巡检); the portfolio's pages do not: #/contracts (the landing page
// when the user has several contracts), #/contracts/new, #/contracts/<id>/edit,
// #/contracts/<id>/renew, #/portfolio; #/parties; .../subscriptions; and #/login. A bare #/findings opens the contract chosen last.

import {h, mount, option} from './dom.js';
import {t, loadLanguage, language, LANGUAGES} from './i18n.js';
import {api, session, logout, hasRole, whenUnauthorized} from './api.js';
import {chooseContract, currentContractId, rememberedContractId, scoped, contractHash} from './contract.js';
import {disposeCharts} from './charts.js';
import {errorBox, loading, empty} from './ui.js';
import * as loginPage from './pages/login.js';
import * as dashboardPage from './pages/dashboard.js';
import * as findingsPage from './pages/findings.js';
import * as findingPage from './pages/finding.js';
import * as ledgerPage from './pages/ledger.js';
import * as assessmentsPage from './pages/assessments.js';
import * as domainsPage from './pages/domains.js';
import * as factsPage from './pages/facts.js';
import * as activityPage from './pages/activity.js';
import * as contractsPage from './pages/contracts.js';
import * as portfolioPage from './pages/portfolio.js';
import * as contractFormPage from './pages/contract-form.js';
import * as contractEditPage from './pages/contract-edit.js';
import * as contractRenewPage from './pages/contract-renew.js';
import * as partiesPage from './pages/parties.js';
import * as subscriptionsPage from './pages/subscriptions.js';
import * as checklistPage from './pages/checklist.js';

/** Navigation: route, dictionary key, and the roles that may open it (null: everyone logged in). */
const NAV = [
  {route: 'contracts', key: 'nav.contracts', page: contractsPage, portfolio: true},
  {route: 'portfolio', key: 'nav.portfolio', page: portfolioPage, portfolio: true, roles: ['admin']},
  {route: 'dashboard', key: 'nav.dashboard', page: dashboardPage},
  {route: 'checklist', key: 'nav.checklist', page: checklistPage},
  {route: 'findings', key: 'nav.findings', page: findingsPage},
  {route: 'ledger', key: 'nav.ledger', page: ledgerPage, roles: ['admin', 'engineer', 'evaluator']},
  {route: 'assessments', key: 'nav.assessments', page: assessmentsPage, roles: ['admin', 'engineer', 'evaluator']},
  {route: 'domains', key: 'nav.domains', page: domainsPage},
  {route: 'facts', key: 'nav.facts', page: factsPage},
  // the security trail: the audit administrator's alone (三权分立), outside any one contract
  {route: 'activity', key: 'nav.activity', page: activityPage, portfolio: true, roles: ['auditadmin']},
  {route: 'parties', key: 'nav.parties', page: partiesPage, roles: ['admin']},
  {route: 'subscriptions', key: 'nav.subscriptions', page: subscriptionsPage, roles: ['admin']},
];

const app = document.getElementById('app');
let cleanup = null;
let renderToken = 0;
let contracts = null;

/**
 * "#/c/x/findings/abc?y=1" -> {contractId: 'x', route: 'findings', rest: 'abc', query: URLSearchParams};
 * "#/contracts/new" -> {contractId: null, route: 'contracts', rest: 'new', ...}.
 */
function parseHash() {
  let raw = location.hash.replace(/^#\/?/, '');
  let contractId = null;
  if (raw.startsWith('c/')) {
    const end = raw.indexOf('/', 2);
    contractId = decodeURIComponent(end < 0 ? raw.slice(2).split('?')[0] : raw.slice(2, end));
    raw = end < 0 ? '' : raw.slice(end + 1);
  }
  const [path, q] = raw.split('?');
  const slash = path.indexOf('/');
  const route = slash < 0 ? path : path.slice(0, slash);
  const rest = slash < 0 ? '' : decodeURIComponent(path.slice(slash + 1));
  return {contractId, route, rest, query: new URLSearchParams(q || '')};
}

/** Goes to a hash; a page's own hash (#/findings?...) stays with the contract being looked at. */
export function navigate(hash) {
  const target = scoped(hash);
  if (location.hash === target) route();
  else location.hash = target;
}

/** The audit administrator, who may do nothing but read the trail (三权分立). */
function auditOnly() {
  return hasRole('auditadmin');
}

async function ensureContracts(refresh = false) {
  // the audit administrator holds no role on any contract: the trail is their one page
  if (!contracts || refresh) contracts = auditOnly() ? [] : await api('/contracts');
  return contracts;
}

/** The contract of the URL, else the one chosen last, else the first the user may see. */
function defaultContract() {
  const wanted = currentContractId() || rememberedContractId();
  return contracts.find((c) => c.id === wanted) || contracts[0];
}

function shell(active, contract, portfolioPage = false) {
  const s = session();
  const main = h('main', {id: 'main', class: 'main', tabindex: '-1'});
  const langSwitch = h('div', {class: 'lang-switch', role: 'group', 'aria-label': t('lang.switch')},
    LANGUAGES.map((l) => h('button', {
      class: ['lang', l === language() ? 'active' : ''], 'data-test': `lang-${l}`,
      onclick: async () => {
        await loadLanguage(l);
        route();
      },
    }, t(`lang.${l}`))));
  // the switcher keeps the page (a contract's findings -> the other's findings), not what is particular to one
  const contractPicker = h('select', {class: 'contract-select', 'aria-label': t('header.contract'), 'data-test': 'contract-switcher',
    onchange: (e) => navigate(contractHash(e.target.value, portfolioPage || !active ? 'dashboard' : active))},
  portfolioPage ? h('option', {value: '', selected: true, disabled: true}, t('header.pickContract')) : null,
  contracts.map((c) => option(c.id, `${c.name}（${c.id}）`, portfolioPage || !contract ? '' : contract.id)));
  const header = h('header', {class: 'topbar'},
    h('a', {class: 'brand', href: contracts.length > 1 || !contract ? '#/contracts' : contractHash(contract.id)},
      h('img', {src: 'favicon.svg', alt: '', class: 'brand-mark'}),
      h('span', {class: 'brand-name'}, t('app.brand')),
      h('span', {class: 'brand-sub'}, t('app.subtitle'))),
    h('div', {class: 'topbar-contract'}, h('span', {class: 'topbar-label'}, t('header.contract')), contractPicker),
    h('div', {class: 'topbar-right'},
      langSwitch,
      h('span', {class: 'user'}, h('span', {'data-test': 'user'}, s.user),
        h('span', {class: 'roles'}, s.roles.map((r) => t(`role.${r}`)).join(' · '))),
      h('button', {class: 'btn btn-ghost', 'data-test': 'logout', onclick: () => {
        logout();
        contracts = null;
        chooseContract(null);
        navigate('#/login');
      }}, t('header.logout'))));
  const nav = h('nav', {class: 'sidebar', 'aria-label': t('nav.label')},
    h('ul', null, NAV.filter((n) => (n.portfolio ? n.route !== 'contracts' || contracts.length > 1 || hasRole('admin') : !!contract)
      && (!n.roles || hasRole(...n.roles))).map((n) => h('li', null,
      h('a', {href: n.portfolio ? `#/${n.route}` : contractHash(contract.id, n.route), class: n.route === active ? 'active' : '',
        'data-test': `nav-${n.route}`,
        'aria-current': n.route === active ? 'page' : null}, t(n.key))))),
    h('div', {class: 'sidebar-foot'}, t('app.footer')));
  mount(app, header, h('div', {class: 'layout'}, nav, main));
  return main;
}

async function route() {
  const token = ++renderToken;
  if (cleanup) {
    try { cleanup(); } catch (e) { /* a page's cleanup never stops navigation */ }
    cleanup = null;
  }
  disposeCharts();
  const {contractId, route: name, rest, query} = parseHash();
  if (name === 'login' || !session()) {
    if (name !== 'login') {
      location.replace('#/login?next=' + encodeURIComponent(location.hash.slice(1) || '/'));
      return;
    }
    mount(app);
    cleanup = loginPage.render({app, query, navigate}) || null;
    return;
  }
  try {
    mount(app, loading(t('common.loading')));
    await ensureContracts();
  } catch (err) {
    if (token !== renderToken) return;
    mount(app, h('div', {class: 'standalone'}, errorBox(err)));
    return;
  }
  if (token !== renderToken) return;
  if (auditOnly() && name !== 'activity') {
    location.replace('#/activity');
    return;
  }
  const entry = NAV.find((n) => n.route === name);
  const portfolio = !!(entry && entry.portfolio);
  if (!contracts.length && !(portfolio && hasRole('admin', 'auditadmin'))) {
    mount(app, h('div', {class: 'standalone'}, empty(t('empty.noContract'), t('empty.noContractHint'))));
    return;
  }
  if (!name && !contractId) {
    // the landing page: the contracts when there are several, else the one contract's dashboard
    location.replace(contracts.length !== 1 ? '#/contracts' : contractHash(contracts[0].id));
    return;
  }
  if (contractId && !name) {
    location.replace(contractHash(contractId));
    return;
  }
  if (!portfolio && !contractId) {
    location.replace(scoped(location.hash, defaultContract().id));
    return;
  }
  const contract = contractId ? contracts.find((c) => c.id === contractId) : (defaultContract() || null);
  if (contractId && !contract) {
    // not one of the user's contracts (or gone): say so rather than show another's data
    const main = shell(entry ? entry.route : '', defaultContract() || null, true);
    mount(main, empty(t('contracts.unknown', {id: contractId}), t('contracts.unknownHint')),
      h('p', {class: 'center'}, h('a', {class: 'btn', href: '#/contracts', 'data-test': 'to-contracts'}, t('contracts.all'))));
    return;
  }
  if (contractId) chooseContract(contract.id);
  let page = entry ? entry.page : null;
  if (name === 'findings' && rest) page = findingPage;
  if (name === 'contracts' && rest) {
    const [id, action] = rest.split('/');
    page = rest === 'new' ? contractFormPage : action === 'edit' ? contractEditPage : action === 'renew' ? contractRenewPage : null;
    if (page && rest !== 'new') query.set('contract', id);
  }
  const main = shell(entry ? entry.route : '', contract, portfolio);
  if (!page) {
    mount(main, empty(t('empty.noPage'), t('empty.noPageHint')));
    return;
  }
  const roles = page.ROLES || (entry && entry.roles);
  if (roles && !hasRole(...roles)) {
    mount(main, errorBox({status: 403, message: t('error.roleMissing'), messageEn: t('error.roleMissing')}));
    return;
  }
  const ctx = {
    main, query, rest, contract, contracts, navigate,
    isCurrent: () => token === renderToken,
    reloadContracts: async () => ensureContracts(true),
    onLeave: (fn) => {
      const previous = cleanup;
      cleanup = () => { if (previous) previous(); fn(); };
    },
  };
  try {
    await page.render(ctx);
  } catch (err) {
    if (token === renderToken) mount(main, errorBox(err));
  }
}

whenUnauthorized(() => {
  contracts = null;
  if (!location.hash.startsWith('#/login')) navigate('#/login?expired=1&next=' + encodeURIComponent(location.hash.slice(1)));
});

window.addEventListener('hashchange', route);

(async () => {
  await loadLanguage();
  route();
})();
