// The contract the console is looking at. It lives in the URL (#/c/<id>/<page>...), so links, reloads
// and a copied address keep it; the last one chosen is also remembered in localStorage for a bare
// address (#/findings) or the next visit.

import {CONTRACT_STORE} from './api.js';

/** Pages that belong to no one contract: the portfolio's, the security trail, and the login. */
export const PORTFOLIO_ROUTES = ['contracts', 'portfolio', 'login', 'activity'];

let current = null;

export function currentContractId() {
  return current;
}

export function chooseContract(id) {
  current = id;
  if (id) localStorage.setItem(CONTRACT_STORE, id);
}

export function rememberedContractId() {
  return localStorage.getItem(CONTRACT_STORE);
}

/** '#/findings?status=OPEN' -> '#/c/<contract>/findings?status=OPEN'; the portfolio's pages and scoped hashes stay. */
export function scoped(hash, contractId = current) {
  const raw = String(hash || '').replace(/^#\/?/, '');
  if (!contractId || raw.startsWith('c/')) return '#/' + raw;
  const route = raw.split(/[/?]/)[0];
  if (PORTFOLIO_ROUTES.includes(route)) return '#/' + raw;
  return `#/c/${encodeURIComponent(contractId)}/${raw || 'dashboard'}`;
}

/** The hash of one contract's page: contractHash('x', 'findings?status=OPEN'). */
export function contractHash(contractId, page = 'dashboard') {
  return `#/c/${encodeURIComponent(contractId)}/${page}`;
}
