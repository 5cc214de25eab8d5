// The active domains' titles (from GET /api/domains), read once per page view for filters and
// labels; English titles where a catalogue has them.

import {api} from './api.js';
import {language} from './i18n.js';

let cached = null;

export async function domains(refresh = false) {
  if (!cached || refresh) {
    const d = await api('/domains');
    cached = (d.catalogues || []).map((c) => ({domain: c.domain, title: c.title, titleEn: c.titleEn, clause: c.clause}))
      .sort((a, b) => a.domain.localeCompare(b.domain));
  }
  return cached;
}

export function forget() {
  cached = null;
}

export function domainTitle(list, id) {
  const c = (list || []).find((x) => x.domain === id);
  if (!c) return id || '—';
  return language() === 'en' && c.titleEn ? c.titleEn : (c.title || id);
}
