// What the portfolio's pages show of each contract the user may see: its definition (parties,
// evaluator, services) and its dashboard (open findings by severity, money to date, attainment,
// what falls due next), read side by side; a contract that cannot be read says why in its own place.

import {api} from './api.js';
import {addMoney} from './format.js';

export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'];

/** The services a definition buys: their ids, or null when it does not say (then every domain applies). */
export function boughtServices(definition) {
  const s = definition && definition.services;
  if (!s) return null;
  return Array.isArray(s) ? s.slice() : Object.keys(s);
}

/**
 * Each contract with its definition, dashboard and figures; `services` are the services it buys, not
 * counting the catalogues that apply to every contract (the general terms) should it list them.
 */
export async function summaries(contracts) {
  const everyContract = new Set(((await api('/domains').catch(() => ({}))).catalogues || [])
    .filter((c) => c.everyContract).map((c) => c.domain));
  return inTurn(contracts, DASHBOARDS_AT_ONCE, async (contract) => {
    const id = encodeURIComponent(contract.id);
    const [detail, dashboard] = await Promise.allSettled([api(`/contracts/${id}`), api(`/contracts/${id}/dashboard`)]);
    const definition = detail.status === 'fulfilled' ? detail.value.definition : null;
    const d = dashboard.status === 'fulfilled' ? dashboard.value : null;
    const error = detail.status === 'rejected' ? detail.reason : dashboard.status === 'rejected' ? dashboard.reason : null;
    const bought = boughtServices(definition);
    const services = bought && bought.filter((x) => !everyContract.has(x));
    return {contract, definition, services, dashboard: d, error, ...figures(d)};
  });
}

/**
 * Dashboards asked for at once: the server builds at most two views of a whole contract at a time and refuses
 * more, so a portfolio of fifty asks in turn rather than all at once.
 */
const DASHBOARDS_AT_ONCE = 2;

/** {@code work} over the items, at most {@code limit} at a time, the results in the items' order. */
async function inTurn(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
  return results;
}

/** The figures of one dashboard the portfolio compares. */
function figures(d) {
  if (!d) return {open: null, bySeverity: {}, money: null, rate: null, deadlines: []};
  const bySeverity = d.openBySeverity || {};
  const open = Object.values(bySeverity).reduce((n, v) => n + (Number(v) || 0), 0);
  const m = d.money || {};
  const due = (d.byDomain || []).reduce((n, x) => n + (Number(x.due) || 0), 0);
  const met = (d.byDomain || []).reduce((n, x) => n + (Number(x.met) || 0), 0);
  return {
    open, bySeverity,
    // 乙方应付: penalties and refunds; 甲方应付: late-payment interest and fees; the net is the first minus the second
    money: {supplierOwes: addMoney(m.penalties, m.refunds), clientOwes: addMoney(m.interest, m.fees),
      net: m.net,
      currency: m.currency || 'CNY'},
    rate: due ? met / due : null,
    deadlines: (d.deadlines || []).slice().sort((a, b) => String(a.date).localeCompare(String(b.date))),
  };
}
