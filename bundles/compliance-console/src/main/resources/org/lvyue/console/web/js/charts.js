// Apache ECharts (served by the console itself, vendor/echarts) drawing into plain elements; every
// chart of a page is disposed when the page is left, and resized with the window.

import {h} from './dom.js';
import {t} from './i18n.js';

const live = new Set();

export const COLORS = {
  met: '#2e7d5b', missed: '#b83a30', waived: '#c9962b', rate: '#1f4e79', neutral: '#8a99ad',
  CRITICAL: '#8e1b12', HIGH: '#c0392b', MEDIUM: '#d68910', LOW: '#2874a6', INFO: '#7f8c8d',
};

const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';

/** A chart element with the given option; a note in words where ECharts failed to load. */
export function chart(option, {height = 300, test, onClick} = {}) {
  const el = h('div', {class: 'chart', style: {height: `${height}px`}, 'data-test': test});
  if (!window.echarts) {
    el.appendChild(h('p', {class: 'chart-missing'}, t('chart.missing')));
    return el;
  }
  // drawn once the element is in the page and has its width
  requestAnimationFrame(() => {
    if (!el.isConnected) return;
    const c = window.echarts.init(el, null, {renderer: 'canvas'});
    // no animation under automation (a test or a screenshot sees the finished chart at once)
    c.setOption({textStyle: {fontFamily: FONT}, animation: !navigator.webdriver, animationDuration: 400, ...option});
    if (onClick) c.on('click', onClick);
    el.dataset.rendered = 'true';
    live.add(c);
  });
  return el;
}

export function disposeCharts() {
  for (const c of live) c.dispose();
  live.clear();
}

window.addEventListener('resize', () => {
  for (const c of live) c.resize();
});
