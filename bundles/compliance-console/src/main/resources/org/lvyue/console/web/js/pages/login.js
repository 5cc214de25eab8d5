// #/login: the product's users (Karaf's JAAS realm), checked with GET /api/me.

import {h, mount} from '../dom.js';
import {t, loadLanguage, language, LANGUAGES, apiMessage} from '../i18n.js';
import {login} from '../api.js';

export function render({app, query, navigate}) {
  const user = h('input', {id: 'login-user', name: 'user', autocomplete: 'username', required: true, autofocus: true});
  const password = h('input', {id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true});
  // the second factor's code, for accounts that have one (GB/T 22239 8.1.4.1 d); the others leave it empty
  const code = h('input', {id: 'login-code', name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code',
    pattern: '[0-9]{6}', maxlength: 6, placeholder: '000000', 'aria-describedby': 'login-code-hint'});
  const message = h('div', {class: 'login-message', 'aria-live': 'polite'},
    query.get('expired') ? h('p', {class: 'notice notice-info'}, t('login.expired')) : null);
  const submit = h('button', {type: 'submit', class: 'btn btn-primary btn-block', 'data-test': 'login-submit'}, t('login.submit'));
  const form = h('form', {class: 'login-form', 'data-test': 'login-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    if (!user.value.trim() || !password.value) {
      mount(message, h('p', {class: 'notice notice-error', 'data-test': 'login-error'}, t('login.missing')));
      return;
    }
    submit.disabled = true;
    mount(message, h('p', {class: 'notice notice-info'}, t('login.checking')));
    try {
      await login(user.value.trim(), password.value, code.value.trim() || null);
      const next = query.get('next');
      navigate('#' + (next && next.startsWith('/') && !next.startsWith('/login') ? next : '/'));
    } catch (err) {
      // a plain 401 is a wrong password; a refusal with a reason (production profile, HTTPS required, the second factor) says why
      const said = ['login-refused', 'login-refused-second-factor', 'second-factor-enrolment-required'].includes(err.code);
      const text = err.status === 401 && !said ? t('login.wrong') : apiMessage(err);
      mount(message, h('p', {class: 'notice notice-error', 'data-test': 'login-error'}, text));
      password.value = '';
      code.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
    }
  }},
  h('label', {class: 'field', for: 'login-user'}, h('span', {class: 'field-label'}, t('login.user')), user),
  h('label', {class: 'field', for: 'login-password'}, h('span', {class: 'field-label'}, t('login.password')), password),
  h('label', {class: 'field', for: 'login-code'}, h('span', {class: 'field-label'}, t('login.code')), code,
    h('span', {class: 'field-hint', id: 'login-code-hint'}, t('login.code.hint'))),
  message,
  submit);
  mount(app, h('div', {class: 'login-page'},
    h('div', {class: 'login-card'},
      h('div', {class: 'login-brand'},
        h('img', {src: 'favicon.svg', alt: '', class: 'login-mark'}),
        h('div', null, h('h1', null, t('app.brand')), h('p', null, t('app.subtitle')))),
      form,
      h('div', {class: 'login-foot'},
        h('div', {class: 'lang-switch'}, LANGUAGES.map((l) => h('button', {
          type: 'button', class: ['lang', l === language() ? 'active' : ''], 'data-test': `lang-${l}`,
          onclick: async () => {
            await loadLanguage(l);
            render({app, query, navigate});
          },
        }, t(`lang.${l}`)))),
        h('p', {class: 'login-note'}, t('login.note'))))));
  user.focus();
}
