// Analytics: requests, errors, latency, tokens and cost per deployment over time.
// Shell until the analytics API lands: renderAnalytics(view) is the only entry point the router needs; fill in
// loadAnalytics() and paint the cards below it.
import { comingSoon } from './coming.js';

export async function renderAnalytics(view) {
  comingSoon(view, 'Analytics',
    'Requests, error rate, latency percentiles, tokens and cost per deployment and variant, over time.',
    'GET /api/analytics');
}
