// A tiny element builder: text always goes in as text nodes, never as HTML, so nothing the API
// returns (fact attributes, user input echoed back) can inject markup.

/**
 * h('div', {class: 'card', onclick: fn, 'data-test': 'x'}, 'text', child, [more, children])
 * Attributes: class, style (object or string), on<event> (function), value/checked/disabled/selected
 * (properties), anything else as an attribute; null, undefined and false attributes are skipped.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith('on') && typeof value === 'function') {
        el.addEventListener(name.slice(2).toLowerCase(), value);
      } else if (name === 'class') {
        el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
      } else if (name === 'style' && typeof value === 'object') {
        Object.assign(el.style, value);
      } else if (name === 'value' || name === 'checked' || name === 'disabled' || name === 'selected') {
        el[name] = value;
      } else {
        el.setAttribute(name, value === true ? '' : String(value));
      }
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/** Replaces an element's children. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** An option element; selected when value equals current. */
export function option(value, label, current) {
  return h('option', {value, selected: String(value) === String(current ?? '')}, label);
}
