// The console's entry point: language, login state, the shell (header, navigation) and the hash
// router (#/dashboard, #/findings, #/findings/<key>, #/ledger, #/assessments, #/domains, #/facts,
// #/activity, #/parties, #/login).

import {h, mount, option} from './dom.js';
import {t, loadLanguage, language, LANGUAGES} from './i18n.js';
import {api, session, logout, hasRole, whenUnauthorized, CONTRACT_STORE} from './api.js';
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
import * as partiesPage from './pages/parties.js';

/** Navigation: route, dictionary key, and the roles that may open it (null: everyone logged in). */
const NAV = [
  {route: 'dashboard', key: 'nav.dashboard', page: dashboardPage},
  {route: 'findings', key: 'nav.findings', page: findingsPage},
  {route: 'ledger', key: 'nav.ledger', page: ledgerPage, roles: ['admin', 'engineer', 'evaluator']},
  {route: 'assessments', key: 'nav.assessments', page: assessmentsPage, roles: ['admin', 'engineer', 'evaluator']},
  {route: 'domains', key: 'nav.domains', page: domainsPage},
  {route: 'facts', key: 'nav.facts', page: factsPage},
  {route: 'activity', key: 'nav.activity', page: activityPage, roles: ['admin', 'evaluator']},
  {route: 'parties', key: 'nav.parties', page: partiesPage, roles: ['admin']},
];

const app = document.getElementById('app');
let cleanup = null;
let renderToken = 0;
let contracts = null;

/** "#/findings/abc?x=1" -> {route: 'findings', rest: 'abc', query: URLSearchParams} */
function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, q] = raw.split('?');
  const slash = path.indexOf('/');
  const route = slash < 0 ? path : path.slice(0, slash);
  const rest = slash < 0 ? '' : decodeURIComponent(path.slice(slash + 1));
  return {route: route || 'dashboard', rest, query: new URLSearchParams(q || '')};
}

export function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

async function ensureContracts() {
  if (!contracts) contracts = await api('/contracts');
  return contracts;
}

function currentContract() {
  const saved = localStorage.getItem(CONTRACT_STORE);
  return contracts.find((c) => c.id === saved) || contracts.find((c) => c.id === 'bj-hrss-2022') || contracts[0];
}

function shell(active, contract) {
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
  const contractPicker = contracts.length > 1
    ? h('select', {class: 'contract-select', 'aria-label': t('header.contract'), onchange: (e) => {
      localStorage.setItem(CONTRACT_STORE, e.target.value);
      route();
    }}, contracts.map((c) => option(c.id, c.name, contract.id)))
    : h('span', {class: 'contract-name', title: contract.id}, contract.name);
  const header = h('header', {class: 'topbar'},
    h('a', {class: 'brand', href: '#/dashboard'},
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
        navigate('#/login');
      }}, t('header.logout'))));
  const nav = h('nav', {class: 'sidebar', 'aria-label': t('nav.label')},
    h('ul', null, NAV.filter((n) => !n.roles || hasRole(...n.roles)).map((n) => h('li', null,
      h('a', {href: `#/${n.route}`, class: n.route === active ? 'active' : '', 'data-test': `nav-${n.route}`,
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
  const {route: name, rest, query} = parseHash();
  if (name === 'login' || !session()) {
    if (name !== 'login') {
      location.replace('#/login?next=' + encodeURIComponent(location.hash.slice(1) || '/dashboard'));
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
  if (!contracts.length) {
    mount(app, h('div', {class: 'standalone'}, empty(t('empty.noContract'), t('empty.noContractHint'))));
    return;
  }
  const contract = currentContract();
  let entry = NAV.find((n) => n.route === name);
  let page = entry ? entry.page : null;
  if (name === 'findings' && rest) page = findingPage;
  const main = shell(entry ? entry.route : '', contract);
  if (!page) {
    mount(main, empty(t('empty.noPage'), t('empty.noPageHint')));
    return;
  }
  if (entry && entry.roles && !hasRole(...entry.roles)) {
    mount(main, errorBox({status: 403, message: t('error.roleMissing'), messageEn: t('error.roleMissing')}));
    return;
  }
  const ctx = {
    main, query, rest, contract, navigate,
    isCurrent: () => token === renderToken,
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
