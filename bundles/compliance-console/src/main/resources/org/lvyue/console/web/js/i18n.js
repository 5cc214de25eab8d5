// Simplified Chinese first, English on request: one dictionary per language (i18n/*.json), the
// choice remembered in localStorage. t(key, {name: value}) fills the {name} placeholders.

const STORE = 'lvyue.lang';
export const LANGUAGES = ['zh-CN', 'en'];
let lang = 'zh-CN';
let dict = {};

export function language() {
  return lang;
}

export async function loadLanguage(wanted) {
  const chosen = LANGUAGES.includes(wanted) ? wanted : (localStorage.getItem(STORE) || 'zh-CN');
  const resp = await fetch(`i18n/${LANGUAGES.includes(chosen) ? chosen : 'zh-CN'}.json`, {cache: 'no-cache'});
  dict = await resp.json();
  lang = LANGUAGES.includes(chosen) ? chosen : 'zh-CN';
  localStorage.setItem(STORE, lang);
  document.documentElement.lang = lang;
  document.title = t('app.title');
}

export function t(key, vars) {
  let text = dict[key];
  if (text === undefined) {
    console.warn('missing translation', key);
    text = key;
  }
  if (vars) {
    text = text.replace(/\{(\w+)\}/g, (m, name) => (vars[name] === undefined || vars[name] === null ? m : String(vars[name])));
  }
  return text;
}

/** A label for an enum value or code: dictionary key prefix + value, else the given fallback, else the value. */
export function label(prefix, value, fallback) {
  if (value === null || value === undefined || value === '') return '';
  const key = `${prefix}.${value}`;
  if (dict[key] !== undefined) return dict[key];
  return fallback || String(value);
}

/** Picks the API error text of the current language. */
export function apiMessage(err) {
  if (lang === 'en' && err.messageEn) return err.messageEn + (err.message && err.message !== err.messageEn ? ` (${err.message})` : '');
  return err.message || err.messageEn || String(err);
}
