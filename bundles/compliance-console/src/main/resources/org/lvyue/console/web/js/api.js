// The REST API at /api. The login form opens a session (POST /api/session): the browser then holds an
// HttpOnly cookie the page cannot read, never the password; the session's CSRF token, the user and their
// roles are kept in sessionStorage (gone when the tab closes) and the token goes with every request.

const SESSION = 'lvyue.session';
export const CONTRACT_STORE = 'lvyue.contract';

/** What the API said when it refused: status, code, Chinese and English message, and each problem. */
export class ApiError extends Error {
  constructor(status, body) {
    super((body && (body.message || body.messageEn)) || `HTTP ${status}`);
    this.status = status;
    this.code = body && body.error;
    this.messageEn = body && body.messageEn;
    this.problems = (body && Array.isArray(body.problems)) ? body.problems : [];
  }
}

export function session() {
  try {
    return JSON.parse(sessionStorage.getItem(SESSION));
  } catch (e) {
    return null;
  }
}

export function hasRole(...roles) {
  const s = session();
  return !!s && roles.some((r) => s.roles.includes(r));
}

/** Whether the user holds one of the roles in the organisation (a contract's party: actsFor(contract.supplier.organisation, 'engineer')). */
export function actsFor(organisation, ...roles) {
  const s = session();
  return !!s && !!organisation && (s.memberships || []).some((m) => m.organisation === organisation && roles.includes(m.role));
}

/** Ends the session on the server (DELETE /api/session) and forgets it here. */
export function logout() {
  const s = session();
  sessionStorage.removeItem(SESSION);
  if (s) {
    fetch('/api/session', {method: 'DELETE', headers: {'X-CSRF-Token': s.csrf}, credentials: 'same-origin', cache: 'no-store'})
      .catch(() => {});
  }
}

function headers(extra) {
  const h = {Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest', ...extra};
  const s = session();
  if (s && s.csrf) h['X-CSRF-Token'] = s.csrf;
  return h;
}

/** Opens a session with POST /api/session (with the one-time code of an account that has a second factor), then asks GET /api/me who the user is and what they may do. */
export async function login(user, password, code) {
  const opened = await fetch('/api/session', {method: 'POST', credentials: 'same-origin', cache: 'no-store',
    headers: {Accept: 'application/json', 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest'},
    body: JSON.stringify(code ? {user, password, code} : {user, password})});
  if (!opened.ok) throw new ApiError(opened.status, await body(opened));
  const {csrfToken} = await opened.json();
  const resp = await fetch('/api/me', {headers: {Accept: 'application/json', 'X-CSRF-Token': csrfToken}, credentials: 'same-origin',
    cache: 'no-store'});
  if (!resp.ok) throw new ApiError(resp.status, await body(resp));
  const me = await resp.json();
  sessionStorage.setItem(SESSION, JSON.stringify({user: me.user, roles: me.roles || [], memberships: me.memberships || [],
    csrf: csrfToken}));
  return me;
}

async function body(resp) {
  const text = await resp.text();
  try {
    return JSON.parse(text);
  } catch (e) {
    return {message: text.slice(0, 300)};
  }
}

let onUnauthorized = () => {};
/** What to do when a request gets 401 (the session expired or the password changed): back to login. */
export function whenUnauthorized(fn) {
  onUnauthorized = fn;
}

function unauthorized(status) {
  if (status === 401) {
    sessionStorage.removeItem(SESSION); // ended on the server already (idle, logged out elsewhere, restarted)
    onUnauthorized();
  }
}

/** A JSON request; resolves to the parsed answer (null for 204), rejects with ApiError. */
/** How many times a read answered 503 with Retry-After is asked again before the error is shown. */
const READ_RETRIES = 3;

export async function api(path, {method = 'GET', json, body: raw, contentType, signal} = {}) {
  const extra = {};
  let payload = raw;
  if (json !== undefined) {
    extra['Content-Type'] = 'application/json';
    payload = JSON.stringify(json);
  } else if (contentType) {
    extra['Content-Type'] = contentType;
  }
  let resp;
  for (let attempt = 0; ; attempt++) {
    try {
      resp = await fetch('/api' + path, {method, headers: headers(extra), body: payload, credentials: 'same-origin', cache: 'no-store', signal});
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw new ApiError(0, {error: 'network', message: '无法连接服务器，请检查网络或稍后重试', messageEn: 'Cannot reach the server; check the network and retry'});
    }
    // a busy server says when to ask again (503 with Retry-After, nothing done): a read asks again, a few times
    const wait = Number(resp.headers.get('Retry-After'));
    if (resp.status !== 503 || method !== 'GET' || attempt >= READ_RETRIES || !(wait >= 0 && wait <= 10)) break;
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    if (signal && signal.aborted) throw new DOMException('aborted', 'AbortError');
  }
  if (!resp.ok) {
    unauthorized(resp.status);
    throw new ApiError(resp.status, await body(resp));
  }
  if (resp.status === 204) return null;
  const type = resp.headers.get('Content-Type') || '';
  return type.includes('json') ? resp.json() : resp.text();
}

/**
 * Sends a file with XMLHttpRequest, which reports upload progress: onProgress(fraction) while the
 * bytes go up, onProgress(null) once they are all sent and the server works on them.
 */
export function upload(path, file, contentType, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api' + path);
    const h = headers({'Content-Type': contentType});
    Object.entries(h).forEach(([k, v]) => xhr.setRequestHeader(k, v));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.upload.onload = () => onProgress(null);
    xhr.onerror = () => reject(new ApiError(0, {error: 'network', message: '上传失败：无法连接服务器', messageEn: 'Upload failed: cannot reach the server'}));
    xhr.onload = () => {
      let parsed = null;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch (e) {
        parsed = {message: xhr.responseText.slice(0, 300)};
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(parsed);
      } else {
        unauthorized(xhr.status);
        reject(new ApiError(xhr.status, parsed));
      }
    };
    xhr.send(file);
  });
}

/**
 * Downloads a document (a PDF the server renders, its signature) through fetch, with the session's
 * token: the bytes become a Blob and an object URL the browser saves.
 * onState('rendering') until the server answers, then onState('receiving', fraction|null).
 */
export async function download(path, fileName, onState = () => {}) {
  onState('rendering');
  let resp;
  try {
    resp = await fetch('/api' + path, {headers: headers({Accept: '*/*'}), credentials: 'same-origin', cache: 'no-store'});
  } catch (e) {
    throw new ApiError(0, {error: 'network', message: '无法连接服务器，请检查网络或稍后重试', messageEn: 'Cannot reach the server'});
  }
  if (!resp.ok) {
    unauthorized(resp.status);
    throw new ApiError(resp.status, await body(resp));
  }
  const total = Number(resp.headers.get('Content-Length')) || 0;
  const reader = resp.body.getReader();
  const chunks = [];
  let received = 0;
  onState('receiving', total ? 0 : null);
  for (;;) {
    const {done, value} = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onState('receiving', total ? received / total : null);
  }
  const blob = new Blob(chunks, {type: resp.headers.get('Content-Type') || 'application/octet-stream'});
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  onState('done', blob.size);
  return blob.size;
}
