// Numbers and times as the panel shows them.
const int = new Intl.NumberFormat('en-US');

export const fmtInt = (v) => (v === null || v === undefined ? '–' : int.format(v));

/** US dollars: cents for sums of a dollar or more, else enough digits to see a fraction of a cent. */
export function fmtCost(v) {
  if (v === null || v === undefined || v === '') return '–';
  const n = Number(v);
  if (n === 0) return '$0';
  if (Math.abs(n) >= 1) return `$${n.toFixed(2)}`;
  return `$${+n.toPrecision(3)}`;
}

export function fmtMs(v) {
  if (v === null || v === undefined) return '–';
  if (v >= 10_000) return `${+(v / 1000).toFixed(1)} s`;
  if (v >= 100) return `${Math.round(v)} ms`;
  return `${+v.toPrecision(3)} ms`;
}

export const fmtPct = (v) => (v === null || v === undefined ? '–' : `${+(v * 100).toFixed(2)} %`);

const pad = (n) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "Mar 5 14:00" in UTC */
export const utcHour = (d) => `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
/** "Mar 5" in UTC */
export const utcDay = (d) => `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
