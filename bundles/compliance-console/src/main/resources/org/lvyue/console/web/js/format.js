// Display formats: money stays a decimal string end to end (grouped, never through a float),
// instants in Beijing time, rates as percentages.

/** "1533929.8" or "-12.00" -> "¥1,533,929.80"; null -> "—". */
export function money(amount, currency = 'CNY') {
  if (amount === null || amount === undefined || amount === '') return '—';
  const text = String(amount).trim();
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return text;
  const grouped = m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fen = ((m[3] || '') + '00').slice(0, 2);
  const symbol = currency === 'CNY' ? '¥' : currency + ' ';
  return `${m[1]}${symbol}${grouped}.${fen}`;
}

/** A rate as the API gives it, a fraction (0..1), -> "97.5%"; null -> "—". */
export function percent(rate, digits = 1) {
  if (rate === null || rate === undefined || Number.isNaN(Number(rate))) return '—';
  const r = Number(rate);
  let text = (r * 100).toFixed(digits);
  // never round a shortfall up to a clean 100 %
  if (r < 1 && Number(text) >= 100) text = (Math.floor(r * 10000) / 100).toFixed(2);
  return `${text}%`;
}

const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

/** An instant ("2023-03-01T06:05:00Z") in Beijing time, "2023-03-01 14:05:00"; a plain date stays as it is. */
export function instant(text) {
  if (!text) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) return String(text);
  const p = Object.fromEntries(TIME.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}:${p.second}`;
}

export function number(n) {
  if (n === null || n === undefined) return '—';
  return Number(n).toLocaleString('zh-CN');
}

/** Bytes as KB/MB. */
export function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Decimal amounts as strings ("12.5", "-3.00") added exactly, in fen; "12.50". Empty or missing counts as 0. */
export function addMoney(...amounts) {
  let fen = 0n;
  for (const a of amounts) {
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(a ?? '0').trim());
    if (!m) continue;
    const v = BigInt(m[2]) * 100n + BigInt(((m[3] || '') + '00').slice(0, 2));
    fen += m[1] ? -v : v;
  }
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
